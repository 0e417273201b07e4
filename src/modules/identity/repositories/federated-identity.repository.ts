import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { FederatedIdentityEntity } from '../entities/federated-identity.entity';

/** The only ORM user of `federated_identities`. */
@Injectable()
export class FederatedIdentityRepository {
  findByIssuerAndSubject(
    em: EntityManager,
    issuer: string,
    subject: string,
  ): Promise<FederatedIdentityEntity | null> {
    return em.findOneBy(FederatedIdentityEntity, { issuer, subject });
  }

  findByUserAndIssuer(
    em: EntityManager,
    userId: string,
    issuer: string,
  ): Promise<FederatedIdentityEntity | null> {
    return em.findOneBy(FederatedIdentityEntity, { userId, issuer });
  }

  /** Which of these users ever signed in through a trusted provider (access level FULL). */
  async trustedUserIds(em: EntityManager, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) {
      return new Set();
    }
    const rows = await em.find(FederatedIdentityEntity, {
      select: { userId: true },
      where: { userId: In([...userIds]), trustedAt: Not(IsNull()) },
    });
    return new Set(rows.map((r) => r.userId));
  }

  async insert(em: EntityManager, identity: FederatedIdentityEntity): Promise<void> {
    await em.insert(FederatedIdentityEntity, identity);
  }

  async recordLogin(
    em: EntityManager,
    id: string,
    changes: { lastLoginAt: Date; trustedAt?: Date },
  ): Promise<void> {
    await em.update(FederatedIdentityEntity, { id }, changes);
  }
}
