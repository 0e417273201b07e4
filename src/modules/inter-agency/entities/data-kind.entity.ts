import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Environment } from '../inter-agency.enums';

/** A kind of data («вид сведений») published by its owner system. */
@Entity('data_kinds')
@Index('uq_data_kinds_namespace_version_env', ['namespaceUri', 'version', 'environment'], {
  unique: true,
})
@Index('ix_data_kinds_owner_org', ['ownerOrganizationId'])
@Index('ix_data_kinds_owner_system', ['ownerSystemId'])
@Index('ix_data_kinds_created', ['createdAt', 'id'])
export class DataKindEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  ownerSystemId!: string;

  /** The owner system's organization: it decides PROD access requests. */
  @Column({ type: 'char', length: 36 })
  ownerOrganizationId!: string;

  /** The owner system's environment: only systems of the same environment may request it. */
  @Column({ type: 'varchar', length: 4 })
  environment!: Environment;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 400 })
  namespaceUri!: string;

  @Column({ type: 'varchar', length: 50 })
  version!: string;

  @Column({ type: 'varchar', length: 255 })
  rootElement!: string;

  @Column({ type: 'char', length: 36, nullable: true })
  createdByUserId!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
