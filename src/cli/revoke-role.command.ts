import { INestApplicationContext } from '@nestjs/common';
import { PlatformRolesService } from '../modules/platform-roles';
import { roleTarget } from './role-target';

/**
 * `revoke-role <phone> <role>`: takes a platform role from the account with that phone. Roles
 * are read on every request, so sessions already open lose it at once; `revoked: false` when
 * the account did not have it.
 */
export async function revokeRole(app: INestApplicationContext, args: string[]): Promise<unknown> {
  const target = await roleTarget(app, 'revoke-role', args);
  const revoked = await app.get(PlatformRolesService).revoke(target.userId, target.role);
  return { ...target, revoked };
}
