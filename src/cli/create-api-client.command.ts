import { parseArgs } from 'node:util';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ALL_SCOPES, ApiClientRegistry, checkClientScopes } from '../modules/integrations';
import { OrganizationEntity } from '../modules/organizations';
import { checkEventSources, EVENTS_WRITE_SCOPE, EventSources } from '../modules/service-events';
import { CliError } from './cli-error';

const USAGE =
  'usage: create-api-client --name <name> --scopes <scope,scope> [--sources <source,source>] [--organization <INN>]';
const NAME_MAX = 100;

function options(args: string[]): {
  name: string;
  scopes: string;
  sources?: string;
  organization?: string;
} {
  try {
    const { values } = parseArgs({
      args,
      options: {
        name: { type: 'string' },
        scopes: { type: 'string' },
        sources: { type: 'string' },
        organization: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (!values.name?.trim() || !values.scopes) {
      throw new CliError(USAGE);
    }
    return {
      name: values.name.trim(),
      scopes: values.scopes,
      sources: values.sources,
      organization: values.organization,
    };
  } catch (error) {
    throw error instanceof CliError ? error : new CliError(`${(error as Error).message}\n${USAGE}`);
  }
}

/**
 * `create-api-client --name N --scopes a,b [--sources s,t] [--organization INN]`: makes an OAuth client and
 * prints its credentials once. Unlike createApiClient, any scope may be given here, platform
 * scopes (events:write, messages:write) included; `--organization` binds the client to the
 * organization with that INN, without it the client is a platform client. `--sources` lists the
 * service-event sources an `events:write` client may write (a client writes only its own sources;
 * without `--sources` it writes none until `set-event-sources` gives it some).
 */
export async function createApiClient(
  app: INestApplicationContext,
  args: string[],
): Promise<unknown> {
  const { name, scopes, sources, organization } = options(args);
  if (name.length > NAME_MAX) {
    throw new CliError(`--name is longer than ${NAME_MAX} characters`);
  }
  const checked = checkClientScopes(scopes.split(','), ALL_SCOPES);
  if (!checked.ok) {
    throw new CliError(
      `unknown scopes ${checked.unknown.join(', ') || '(none given)'}; one or more of ${ALL_SCOPES.join(', ')}`,
    );
  }
  const writesEvents = checked.scopes.includes(EVENTS_WRITE_SCOPE);
  if (!writesEvents && sources !== undefined) {
    throw new CliError(`--sources applies to clients with ${EVENTS_WRITE_SCOPE} only`);
  }
  const checkedSources = checkEventSources(sources?.split(',') ?? []);
  if (!checkedSources.ok) {
    throw new CliError(checkedSources.message);
  }
  let organizationId: string | null = null;
  if (organization !== undefined) {
    const found = await app
      .get(DataSource)
      .getRepository(OrganizationEntity)
      .findOne({ where: { inn: organization.trim() } });
    if (!found) {
      throw new CliError(`no organization with INN ${organization}`);
    }
    organizationId = found.id;
  }
  const { client, secret } = await app.get(ApiClientRegistry).create({
    name,
    scopes: checked.scopes,
    organizationId,
    createdByUserId: null,
  });
  const granted = writesEvents
    ? await app.get(EventSources).set(client.id, checkedSources.sources)
    : [];
  return {
    id: client.id,
    clientId: client.clientId,
    clientSecret: secret,
    scopes: client.scopes,
    ...(writesEvents ? { sources: granted } : {}),
    organizationId,
  };
}
