import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserRepository } from '../modules/identity';
import { PlatformRole } from '../modules/platform-roles';
import { checkMobilePhone } from '../shared/identifiers';
import { CliError } from './cli-error';

/** The account and the platform role `<command> <phone> <role>` names; CliError otherwise. */
export async function roleTarget(
  app: INestApplicationContext,
  command: string,
  args: string[],
): Promise<{ userId: string; phone: string; role: PlatformRole }> {
  const [phoneArg, roleArg] = args;
  if (!phoneArg || !roleArg) {
    throw new CliError(`usage: ${command} <phone> <role>`);
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
  return { userId: user.id, phone: phone.normalized, role };
}
