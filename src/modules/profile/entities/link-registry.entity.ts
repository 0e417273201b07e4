import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An identifier of the local registry (REGISTRY_DRIVER=table) with the proof a check compares. */
@Entity('link_registry')
export class LinkRegistryEntity {
  /** VEHICLE, OMS_POLICY, CHILD, PAYER_CODE, ELECTRICITY_ACCOUNT, DRIVER_LICENSE. */
  @PrimaryColumn({ type: 'varchar', length: 24 })
  kind!: string;

  /** The identifier as the profile stores it. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  identifier!: string;

  /** СТС, check code, parent's SNILS or licence issue date (`YYYY-MM-DD`); null when none. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  proof!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  lastName!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  firstName!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  middleName!: string | null;

  @Column({ type: 'date', nullable: true })
  birthDate!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
