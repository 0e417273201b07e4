import { Column, Entity, PrimaryColumn } from 'typeorm';

/** When the registry check of a PENDING link gives up (the link then becomes EXPIRED). */
@Entity('link_check_deadlines')
export class LinkCheckDeadlineEntity {
  /** VEHICLE, OMS_POLICY, CHILD, PAYER_CODE, ELECTRICITY_ACCOUNT, DRIVER_LICENSE. */
  @PrimaryColumn({ type: 'varchar', length: 24 })
  kind!: string;

  /** The vehicle's or child's id; the account's id for a profile field. */
  @PrimaryColumn({ type: 'char', length: 36 })
  linkId!: string;

  @Column({ type: 'char', length: 36 })
  userId!: string;

  @Column({ type: 'datetime', precision: 3 })
  expiresAt!: Date;
}
