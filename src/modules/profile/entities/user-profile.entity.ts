import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Profile fields of an account besides the ones on `users` (one row, created on first update). */
@Entity('user_profiles')
export class UserProfileEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  driverLicense!: string | null;

  /** 10 digits (ЕПД payer code). */
  @Column({ type: 'char', length: 10, nullable: true })
  payerCode!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  electricityAccount!: string | null;

  /** 16 digits (OMS policy of the single format). */
  @Column({ type: 'char', length: 16, nullable: true })
  omsPolicy!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
