import { INestApplicationContext } from '@nestjs/common';
import { ApiClientRegistry } from '../modules/integrations';
import { CliError } from './cli-error';

/**
 * `revoke-api-client <id | client_id>`: revokes an OAuth client, platform clients included
 * (organizations revoke their own with revokeApiClient). Tokens already issued to it are refused
 * on their next request; revoking again changes nothing.
 */
export async function revokeApiClient(
  app: INestApplicationContext,
  args: string[],
): Promise<unknown> {
  const [idArg, ...rest] = args;
  if (!idArg?.trim() || rest.length > 0) {
    throw new CliError('usage: revoke-api-client <id | client_id>');
  }
  const result = await app.get(ApiClientRegistry).revoke(idArg.trim());
  if (!result) {
    throw new CliError(`no API client with id or client_id ${idArg.trim()}`);
  }
  const { client, revoked } = result;
  return {
    id: client.id,
    clientId: client.clientId,
    organizationId: client.organizationId,
    revoked,
  };
}
