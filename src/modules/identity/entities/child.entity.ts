import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LinkVerification } from '../link-verification';

/** A child of a person; `schoolLogin` lets the child sign in with the parent's password. */
@Entity('children')
export class ChildEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  parentUserId!: string;

  @Column({ type: 'varchar', length: 100 })
  lastName!: string;

  @Column({ type: 'varchar', length: 100 })
  firstName!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  middleName!: string | null;

  @Column({ type: 'date' })
  birthDate!: string;

  /** As `123-456-789 64`. */
  @Column({ type: 'varchar', length: 14, nullable: true })
  snils!: string | null;

  /** Lowercased. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  schoolLogin!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** The birth-record check of the child's SNILS against the parent's verified SNILS. */
  @Column({ type: 'varchar', length: 16, default: LinkVerification.UNVERIFIED })
  verification!: LinkVerification;

  /** When the SNILS was linked (the child added, or its SNILS changed). */
  @Column({ type: 'datetime', precision: 3 })
  linkedAt!: Date;

  /** When the birth record confirmed it; personal events before it stay hidden. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  verifiedAt!: Date | null;
}
