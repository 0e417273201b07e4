import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LinkVerification } from '../../identity';

/** A vehicle of a person. */
@Entity('vehicles')
export class VehicleEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  userId!: string;

  /** Normalised by checkVehiclePlate. */
  @Column({ type: 'varchar', length: 12 })
  plate!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  registrationCertificate!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** The traffic police check of plate + СТС. */
  @Column({ type: 'varchar', length: 16, default: LinkVerification.UNVERIFIED })
  verification!: LinkVerification;

  /** When the plate was linked (or its СТС given again for a new check). */
  @Column({ type: 'datetime', precision: 3 })
  linkedAt!: Date;

  /** When the registry confirmed it; fines before it stay hidden. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  verifiedAt!: Date | null;
}
