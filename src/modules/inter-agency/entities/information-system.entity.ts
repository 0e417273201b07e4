import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Environment, RegistrationStatus } from '../inter-agency.enums';

/** An organization's information system registered in one environment of the exchange. */
@Entity('information_systems')
@Index('uq_information_systems_env_owned', ['environment', 'ownedMnemonic'], { unique: true })
@Index(
  'uq_information_systems_env_org_mnemonic',
  ['environment', 'liveMnemonic', 'organizationId'],
  {
    unique: true,
  },
)
@Index('ix_information_systems_org', ['organizationId', 'environment', 'createdAt'])
@Index('ix_information_systems_status', ['status', 'environment', 'createdAt'])
export class InformationSystemEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 50 })
  mnemonic!: string;

  /** The mnemonic while the registration holds it (PENDING or ACTIVE); null once REJECTED. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  liveMnemonic!: string | null;

  /** The mnemonic once the system is ACTIVE: unique per environment (the mnemonic is owned). */
  @Column({ type: 'varchar', length: 50, nullable: true })
  ownedMnemonic!: string | null;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 4 })
  environment!: Environment;

  @Column({ type: 'varchar', length: 10 })
  status!: RegistrationStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  decisionReason!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;

  /** The operator for PROD; null when the automatic TEST check decided. */
  @Column({ type: 'char', length: 36, nullable: true })
  decidedByUserId!: string | null;

  /** A TEST registration the automatic check held for an operator (traffic on its mnemonic). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  reviewHeldAt!: Date | null;

  @Column({ type: 'char', length: 36, nullable: true })
  createdByUserId!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
