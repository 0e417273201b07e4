import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An integrator's OAuth client (client credentials grant). */
@Entity('api_clients')
@Index('ix_api_clients_org_created', ['organizationId', 'createdAt'])
export class ApiClientEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  /** Null for platform clients, made by the CLI. */
  @Column({ type: 'char', length: 36, nullable: true })
  organizationId!: string | null;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The public identifier the client authenticates with. */
  @Index('uq_api_clients_client_id', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  clientId!: string;

  /** SHA-256 of the secret, lower-case hex. */
  @Column({ type: 'char', length: 64 })
  secretHash!: string;

  @Column({ type: 'json' })
  scopes!: string[];

  @Index('ix_api_clients_created_by')
  @Column({ type: 'char', length: 36, nullable: true })
  createdByUserId!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;
}
