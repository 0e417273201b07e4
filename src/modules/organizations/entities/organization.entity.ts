import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OrganizationType } from '../organization.enums';

/** A legal entity or a sole proprietor, created on its first qualified e-signature sign-in. */
@Entity('organizations')
export class OrganizationEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  type!: OrganizationType;

  @Index('uq_organizations_inn', { unique: true })
  @Column({ type: 'varchar', length: 12 })
  inn!: string;

  /** OGRN (13 digits) or OGRNIP (15 digits). */
  @Index('uq_organizations_ogrn', { unique: true })
  @Column({ type: 'varchar', length: 15 })
  ogrn!: string;

  @Column({ type: 'varchar', length: 9, nullable: true })
  kpp!: string | null;

  @Column({ type: 'varchar', length: 500 })
  fullName!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  shortName!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
