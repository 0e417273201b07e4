import { Column, Entity, PrimaryColumn } from 'typeorm';

/** That an account was deleted, and when: the only trace left, with no personal data. */
@Entity('account_deletions')
export class AccountDeletionEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  userId!: string;

  @Column({ type: 'datetime', precision: 3 })
  deletedAt!: Date;
}
