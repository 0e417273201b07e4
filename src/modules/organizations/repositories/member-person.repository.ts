import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { UserEntity } from '../../identity';

/** The names of members' accounts (auth's `users`), read in batches for `Membership.person`. */
export interface MemberPersonRow {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
}

@Injectable()
export class MemberPersonRepository {
  findManyByIds(em: EntityManager, ids: readonly string[]): Promise<MemberPersonRow[]> {
    if (!ids.length) {
      return Promise.resolve([]);
    }
    return em.find(UserEntity, {
      select: { id: true, lastName: true, firstName: true, middleName: true },
      where: { id: In([...ids]) },
    });
  }
}
