import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LinkVerification } from '../../identity';

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

  /** Registry proof of the driver licence (number + issue date + name). */
  @Column({ type: 'varchar', length: 16, default: LinkVerification.UNVERIFIED })
  driverLicenseVerification!: LinkVerification;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  driverLicenseLinkedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  driverLicenseVerifiedAt!: Date | null;

  /** Registry proof of the payer code (code + the check code on the bill). */
  @Column({ type: 'varchar', length: 16, default: LinkVerification.UNVERIFIED })
  payerCodeVerification!: LinkVerification;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  payerCodeLinkedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  payerCodeVerifiedAt!: Date | null;

  /** Registry proof of the electricity account (number + the check code on the bill). */
  @Column({ type: 'varchar', length: 16, default: LinkVerification.UNVERIFIED })
  electricityAccountVerification!: LinkVerification;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  electricityAccountLinkedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  electricityAccountVerifiedAt!: Date | null;

  /** Registry proof of the OMS policy (number + verified name and birth date). */
  @Column({ type: 'varchar', length: 16, default: LinkVerification.UNVERIFIED })
  omsPolicyVerification!: LinkVerification;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  omsPolicyLinkedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  omsPolicyVerifiedAt!: Date | null;

  /** `YYYY-MM-DD`: the licence's issue date, part of its proof. */
  @Column({ type: 'date', nullable: true })
  driverLicenseIssuedAt!: string | null;

  /** The check code printed on the bill beside the payer code. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  payerCodeCheck!: string | null;

  /** The check code printed on the electricity bill. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  electricityAccountCheck!: string | null;
}
