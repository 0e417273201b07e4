import type { UserEntity } from '../../identity';
import { AccessLevel } from './access-level.enum';
import { User } from './user.type';

/**
 * The GraphQL view of an account. Access level is BASIC until the profile module (which knows
 * the documents) resolves it.
 */
export function toUser(entity: UserEntity): User {
  return Object.assign(new User(), {
    id: entity.id,
    lastName: entity.lastName,
    firstName: entity.firstName,
    middleName: entity.middleName,
    birthDate: entity.birthDate,
    phone: entity.phone,
    email: entity.email,
    emailConfirmed: !!entity.email && !!entity.emailConfirmedAt,
    accessLevel: AccessLevel.BASIC,
    createdAt: entity.createdAt,
  });
}
