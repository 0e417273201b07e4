import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserRepository } from '../modules/identity';
import { PlatformRole, PlatformRolesService } from '../modules/platform-roles';
import { checkMobilePhone } from '../shared/identifiers';
import { CliError } from './cli-error';

/**
 * `revoke-role <phone> <role>`: takes a platform role from the account with that phone. Roles
 * are read on every request, so sessions already open lose it at once; `revoked: false` when
 * the account did not have it.
 */
export async function revokeRole(app: INestApplicationContext, args: string[]): Promise<unknown> {
  const [phoneArg, roleArg] = args;
  if (!phoneArg || !roleArg) {
    throw new CliError('usage: revoke-role <phone> <role>');
  }
  const role = Object.values(PlatformRole).find((r) => r.toString() === roleArg.toUpperCase());
  if (!role) {
    throw new CliError(`unknown role ${roleArg}; one of ${Object.values(PlatformRole).join(', ')}`);
  }
  const phone = checkMobilePhone(phoneArg);
  if (!phone.valid) {
    throw new CliError(phone.message);
  }
  const user = await app
    .get(UserRepository)
    .findByPhone(app.get(DataSource).manager, phone.normalized);
  if (!user) {
    throw new CliError(`no account with phone ${phone.normalized}`);
  }
  const revoked = await app.get(PlatformRolesService).revoke(user.id, role);
  return { userId: user.id, phone: phone.normalized, role, revoked };
}
