import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** How a namespace came to its owner. */
export enum NamespaceClaim {
  /** The organization's kind was the first under it approved (on an ACTIVE PROD system). */
  FIRST_APPROVED_KIND = 'FIRST_APPROVED_KIND',
  /** A platform operator assigned it. */
  OPERATOR = 'OPERATOR',
}

/** The organization a namespace URI belongs to: only it registers kinds under the namespace. */
@Entity('inter_agency_namespaces')
@Index('ix_ian_org', ['organizationId'])
export class InterAgencyNamespaceEntity {
  @PrimaryColumn({ type: 'varchar', length: 400 })
  namespaceUri!: string;

  @Column({ type: 'char', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 20 })
  claimedBy!: NamespaceClaim;

  /** The kind whose approval claimed it; null when an operator assigned it. */
  @Column({ type: 'char', length: 36, nullable: true })
  dataKindId!: string | null;

  @Column({ type: 'char', length: 36, nullable: true })
  assignedByUserId!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
