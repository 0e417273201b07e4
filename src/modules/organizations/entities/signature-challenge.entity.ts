import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A nonce to sign for `loginWithSignature`. Single use: it is spent by one conditional UPDATE
 * (`used_at IS NULL`), so of two racing sign-ins only one gets it.
 */
@Entity('signature_challenges')
export class SignatureChallengeEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  nonce!: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  usedAt!: Date | null;
}
