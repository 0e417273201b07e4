import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserRepository } from '../modules/identity';
import { PlatformRole, PlatformRolesService } from '../modules/platform-roles';
import { checkMobilePhone } from '../shared/identifiers';
import { CliError } from './cli-error';

/** `grant-role <phone> <role>`: gives a platform role to the account with that phone. */
export async function grantRole(app: INestApplicationContext, args: string[]): Promise<unknown> {
  const [phoneArg, roleArg] = args;
  if (!phoneArg || !roleArg) {
    throw new CliError('usage: grant-role <phone> <role>');
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
  const granted = await app.get(PlatformRolesService).grant(user.id, role);
  return { userId: user.id, phone: phone.normalized, role, granted };
}
