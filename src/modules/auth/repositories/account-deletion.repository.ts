import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccountDeletionEntity } from '../entities/account-deletion.entity';

/** The only ORM user of `account_deletions`. */
@Injectable()
export class AccountDeletionRepository {
  async insert(em: EntityManager, record: AccountDeletionEntity): Promise<void> {
    await em.insert(AccountDeletionEntity, record);
  }
}
