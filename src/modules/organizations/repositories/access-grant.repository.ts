import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AccessGrantEntity } from '../entities/access-grant.entity';
import { OrgSystem } from '../organization.enums';

/** The only ORM user of `access_grants`. */
@Injectable()
export class AccessGrantRepository {
  findById(em: EntityManager, id: string): Promise<AccessGrantEntity | null> {
    return em.findOneBy(AccessGrantEntity, { id });
  }

  findOne(
    em: EntityManager,
    membershipId: string,
    system: OrgSystem,
  ): Promise<AccessGrantEntity | null> {
    return em.findOneBy(AccessGrantEntity, { membershipId, system });
  }

  findManyByMemberships(
    em: EntityManager,
    membershipIds: readonly string[],
  ): Promise<AccessGrantEntity[]> {
    if (!membershipIds.length) {
      return Promise.resolve([]);
    }
    return em.find(AccessGrantEntity, {
      where: { membershipId: In([...membershipIds]) },
      order: { grantedAt: 'ASC' },
    });
  }

  /** Inserts the grant, or renews the membership's grant of that system (one per system). */
  async upsert(em: EntityManager, grant: AccessGrantEntity): Promise<void> {
    await em.query(
      `INSERT INTO access_grants (id, membership_id, system, granted_at, expires_at)
       VALUES (?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE granted_at = VALUES(granted_at), expires_at = VALUES(expires_at)`,
      [grant.id, grant.membershipId, grant.system, grant.grantedAt, grant.expiresAt],
    );
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await em.delete(AccessGrantEntity, { id });
  }

  async deleteByMembership(em: EntityManager, membershipId: string): Promise<void> {
    await em.delete(AccessGrantEntity, { membershipId });
  }
}
