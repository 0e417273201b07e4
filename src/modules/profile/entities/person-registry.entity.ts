import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person of the local registry (REGISTRY_DRIVER=table), imported from CSV. */
@Entity('person_registry')
export class PersonRegistryEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 14, nullable: true })
  snils!: string | null;

  @Column({ type: 'char', length: 4, nullable: true })
  passportSeries!: string | null;

  @Column({ type: 'char', length: 6, nullable: true })
  passportNumber!: string | null;

  @Column({ type: 'varchar', length: 100 })
  lastName!: string;

  @Column({ type: 'varchar', length: 100 })
  firstName!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  middleName!: string | null;

  @Column({ type: 'date' })
  birthDate!: string;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
