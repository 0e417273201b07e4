import { Column, Entity, PrimaryColumn } from 'typeorm';

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
}
