import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { ApiClientEntity } from '../entities/api-client.entity';

/** The only ORM user of `api_clients`. */
@Injectable()
export class ApiClientRepository {
  async insert(em: EntityManager, client: ApiClientEntity): Promise<void> {
    await em.insert(ApiClientEntity, client);
  }

  findById(em: EntityManager, id: string): Promise<ApiClientEntity | null> {
    return em.findOneBy(ApiClientEntity, { id });
  }

  findByClientId(em: EntityManager, clientId: string): Promise<ApiClientEntity | null> {
    return em.findOneBy(ApiClientEntity, { clientId });
  }

  /** A client of one organization; null for another organization's id. */
  findInOrganization(
    em: EntityManager,
    organizationId: string,
    id: string,
  ): Promise<ApiClientEntity | null> {
    return em.findOneBy(ApiClientEntity, { id, organizationId });
  }

  /** The organization's clients, revoked ones included, newest first. */
  findManyByOrganization(em: EntityManager, organizationId: string): Promise<ApiClientEntity[]> {
    return em.find(ApiClientEntity, {
      where: { organizationId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  countActiveByOrganization(em: EntityManager, organizationId: string): Promise<number> {
    return em.countBy(ApiClientEntity, { organizationId, revokedAt: IsNull() });
  }

  /** Stamps revoked_at once; false when it was already revoked. */
  async revoke(em: EntityManager, id: string, at: Date): Promise<boolean> {
    const result = await em.update(ApiClientEntity, { id, revokedAt: IsNull() }, { revokedAt: at });
    return (result.affected ?? 0) > 0;
  }

  /** Sets last_used_at unless it is already later than `staleBefore` (one write a minute at most). */
  async touch(em: EntityManager, id: string, at: Date, staleBefore: Date): Promise<void> {
    await em
      .createQueryBuilder()
      .update(ApiClientEntity)
      .set({ lastUsedAt: at })
      .where('id = :id AND (last_used_at IS NULL OR last_used_at < :staleBefore)', {
        id,
        staleBefore,
      })
      .execute();
  }
}
