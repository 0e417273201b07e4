import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AuditActorKind, DataAccessAction } from '../audit.enums';

/** One append-only record of access to a person's data: names of fields, never their values. */
@Entity('data_access_log')
export class DataAccessRecordEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  subjectUserId!: string;

  @Column({ type: 'varchar', length: 24 })
  actorKind!: AuditActorKind;

  @Column({ type: 'char', length: 36, nullable: true })
  actorId!: string | null;

  /** Russian, readable («Реестр СНИЛС», «ООО «Ромашка», сотрудник Иванов И. И.»). */
  @Column({ type: 'varchar', length: 300 })
  actorLabel!: string;

  @Column({ type: 'varchar', length: 10 })
  action!: DataAccessAction;

  /** Field names of the GraphQL `User`. */
  @Column({ type: 'json' })
  fields!: string[];

  @Column({ type: 'varchar', length: 300, nullable: true })
  purpose!: string | null;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip!: string | null;

  /** The record's time (`at` in the API). */
  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
