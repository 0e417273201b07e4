import { parseArgs } from 'node:util';
import { INestApplicationContext } from '@nestjs/common';
import { ApiClientRegistry } from '../modules/integrations';
import { checkEventSources, EVENTS_WRITE_SCOPE, EventSources } from '../modules/service-events';
import { CliError } from './cli-error';

const USAGE = 'usage: set-event-sources --client <client_id> --sources <source,source>';

function options(args: string[]): { client: string; sources: string } {
  try {
    const { values } = parseArgs({
      args,
      options: { client: { type: 'string' }, sources: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    if (!values.client?.trim() || values.sources === undefined) {
      throw new CliError(USAGE);
    }
    return { client: values.client.trim(), sources: values.sources };
  } catch (error) {
    throw error instanceof CliError ? error : new CliError(`${(error as Error).message}\n${USAGE}`);
  }
}

/**
 * `set-event-sources --client <client_id> --sources a,b`: replaces the service-event sources an
 * `events:write` client may write (an empty list stops it writing any). Events it already wrote
 * stay its own: another client is still refused on their (source, externalId).
 */
export async function setEventSources(
  app: INestApplicationContext,
  args: string[],
): Promise<unknown> {
  const { client: clientId, sources } = options(args);
  const checked = checkEventSources(sources.split(','));
  if (!checked.ok) {
    throw new CliError(checked.message);
  }
  const client = await app.get(ApiClientRegistry).findByClientId(clientId);
  if (!client) {
    throw new CliError(`no API client ${clientId}`);
  }
  if (!client.scopes.includes(EVENTS_WRITE_SCOPE)) {
    throw new CliError(`client ${clientId} has no ${EVENTS_WRITE_SCOPE} scope`);
  }
  const granted = await app.get(EventSources).set(client.id, checked.sources);
  return { id: client.id, clientId: client.clientId, sources: granted };
}
