import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An account's identity at an OpenID Connect provider: the provider's `iss` and `sub`. */
@Entity('federated_identities')
@Index('uq_federated_identities_issuer_subject', ['issuer', 'subject'], { unique: true })
@Index('uq_federated_identities_user_issuer', ['userId', 'issuer'], { unique: true })
export class FederatedIdentityEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  userId!: string;

  /** The provider's issuer identifier, as in its ID tokens. */
  @Column({ type: 'varchar', length: 255 })
  issuer!: string;

  /** The provider's `sub`, compared byte for byte. */
  @Column({ type: 'varchar', length: 255 })
  subject!: string;

  /** Last sign-in at which the provider called the account confirmed (`trusted: true`). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  trustedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  lastLoginAt!: Date;
}
