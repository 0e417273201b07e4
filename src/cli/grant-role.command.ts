import { INestApplicationContext } from '@nestjs/common';
import { PlatformRolesService } from '../modules/platform-roles';
import { roleTarget } from './role-target';

/** `grant-role <phone> <role>`: gives a platform role to the account with that phone. */
export async function grantRole(app: INestApplicationContext, args: string[]): Promise<unknown> {
  const target = await roleTarget(app, 'grant-role', args);
  const granted = await app.get(PlatformRolesService).grant(target.userId, target.role);
  return { ...target, granted };
}
