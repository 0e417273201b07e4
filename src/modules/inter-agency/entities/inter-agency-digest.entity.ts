import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A daily digest that went out: one per organization and day. */
@Entity('inter_agency_digests')
export class InterAgencyDigestEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  organizationId!: string;

  /** Moscow date, `YYYY-MM-DD`. */
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ type: 'int', unsigned: true })
  notices!: number;

  @Column({ type: 'datetime', precision: 3 })
  sentAt!: Date;
}
