import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { UserEntity } from '../../identity';
import { UserProfileEntity } from '../entities/user-profile.entity';

/** Names, birth date and e-mail of `users` that the profile changes. */
export type AccountPersonalData = Partial<
  Pick<UserEntity, 'lastName' | 'firstName' | 'middleName' | 'birthDate' | 'email'>
>;

/**
 * The only ORM user of `user_profiles`. It also writes the personal columns of `users` (names,
 * birth date, e-mail), which belong to the profile's use cases; auth's UserRepository has no
 * update for them.
 */
@Injectable()
export class UserProfileRepository {
  findManyByUserIds(em: EntityManager, userIds: readonly string[]): Promise<UserProfileEntity[]> {
    return em.findBy(UserProfileEntity, { userId: In([...userIds]) });
  }

  findAccount(em: EntityManager, userId: string, lock = false): Promise<UserEntity | null> {
    const qb = em.createQueryBuilder(UserEntity, 'u').where('u.id = :userId', { userId });
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  /** The profile row, locked for update when asked. */
  findProfile(em: EntityManager, userId: string, lock = false): Promise<UserProfileEntity | null> {
    const qb = em
      .createQueryBuilder(UserProfileEntity, 'p')
      .where('p.user_id = :userId', { userId });
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  async updateProfile(
    em: EntityManager,
    userId: string,
    changes: Partial<Omit<UserProfileEntity, 'userId'>>,
  ): Promise<void> {
    await em.update(UserProfileEntity, { userId }, changes);
  }

  async upsert(em: EntityManager, profile: UserProfileEntity): Promise<void> {
    await em.upsert(UserProfileEntity, profile, ['userId']);
  }

  async updateAccount(
    em: EntityManager,
    userId: string,
    data: AccountPersonalData,
    now: Date,
  ): Promise<void> {
    await em.update(UserEntity, { id: userId }, { ...data, updatedAt: now });
  }

  async deleteByUserId(em: EntityManager, userId: string): Promise<void> {
    await em.delete(UserProfileEntity, { userId });
  }
}
