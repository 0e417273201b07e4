import { Injectable } from '@nestjs/common';
import { EntityManager, In, MoreThan } from 'typeorm';
import { applyKeyset } from '../../../shared/database/keyset';
import { MembershipEntity } from '../entities/membership.entity';
import { MemberRole, MembershipStatus } from '../organization.enums';

/** The only ORM user of `memberships`. */
@Injectable()
export class MembershipRepository {
  findById(em: EntityManager, id: string): Promise<MembershipEntity | null> {
    return em.findOneBy(MembershipEntity, { id });
  }

  findOne(
    em: EntityManager,
    organizationId: string,
    userId: string,
  ): Promise<MembershipEntity | null> {
    return em.findOneBy(MembershipEntity, { organizationId, userId });
  }

  findByPersonnelNumber(
    em: EntityManager,
    organizationId: string,
    personnelNumber: string,
  ): Promise<MembershipEntity | null> {
    return em.findOneBy(MembershipEntity, { organizationId, personnelNumber });
  }

  /** The user's memberships in force (ACTIVE), in the order joined. */
  findActiveByUser(em: EntityManager, userId: string): Promise<MembershipEntity[]> {
    return em.find(MembershipEntity, {
      where: { userId, status: MembershipStatus.ACTIVE },
      order: { createdAt: 'ASC' },
    });
  }

  /** The user's open invitations (INVITED, not lapsed), newest first. */
  findOpenInvitations(em: EntityManager, userId: string, now: Date): Promise<MembershipEntity[]> {
    return em.find(MembershipEntity, {
      where: { userId, status: MembershipStatus.INVITED, invitationExpiresAt: MoreThan(now) },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  /** The membership locked for an answer to its invitation. */
  findByIdForUpdate(em: EntityManager, id: string): Promise<MembershipEntity | null> {
    return em
      .createQueryBuilder(MembershipEntity, 'm')
      .setLock('pessimistic_write')
      .where('m.id = :id', { id })
      .getOne();
  }

  /** ACTIVE memberships of these users in these organizations (for the `myRole` loader). */
  findManyByUsersAndOrganizations(
    em: EntityManager,
    userIds: readonly string[],
    organizationIds: readonly string[],
  ): Promise<MembershipEntity[]> {
    if (!userIds.length || !organizationIds.length) {
      return Promise.resolve([]);
    }
    return em.findBy(MembershipEntity, {
      userId: In([...userIds]),
      organizationId: In([...organizationIds]),
      status: MembershipStatus.ACTIVE,
    });
  }

  /** One page of an organization's members, newest first (`first + 1` rows). */
  findPage(
    em: EntityManager,
    organizationId: string,
    first: number,
    after?: string,
  ): Promise<MembershipEntity[]> {
    const qb = em
      .createQueryBuilder(MembershipEntity, 'm')
      .where('m.organization_id = :organizationId', { organizationId });
    return applyKeyset(qb, 'm', first, after).getMany();
  }

  countByOrganization(em: EntityManager, organizationId: string): Promise<number> {
    return em.countBy(MembershipEntity, { organizationId });
  }

  /**
   * The organization's HEAD rows (invited ones included), locked: removals of heads run one at a
   * time per organization. Only the ACTIVE ones count as heads.
   */
  findHeadsForUpdate(em: EntityManager, organizationId: string): Promise<MembershipEntity[]> {
    return em
      .createQueryBuilder(MembershipEntity, 'm')
      .setLock('pessimistic_write')
      .where('m.organization_id = :organizationId AND m.role = :role', {
        organizationId,
        role: MemberRole.HEAD,
      })
      .getMany();
  }

  /** Organizations where the user is the only ACTIVE HEAD (an invited HEAD does not count). */
  async findSoleHeadships(em: EntityManager, userId: string): Promise<string[]> {
    const rows = await em.query<{ organization_id: string }[]>(
      `SELECT m.organization_id FROM memberships m
        WHERE m.user_id = ? AND m.role = ? AND m.status = ?
          AND NOT EXISTS (SELECT 1 FROM memberships o
                           WHERE o.organization_id = m.organization_id AND o.role = ?
                             AND o.status = ? AND o.user_id <> m.user_id)`,
      [userId, MemberRole.HEAD, MembershipStatus.ACTIVE, MemberRole.HEAD, MembershipStatus.ACTIVE],
    );
    return rows.map((row) => row.organization_id);
  }

  async insert(em: EntityManager, membership: MembershipEntity): Promise<void> {
    await em.insert(MembershipEntity, membership);
  }

  async updateStatus(
    em: EntityManager,
    id: string,
    status: MembershipStatus,
    invitationExpiresAt: Date | null,
  ): Promise<void> {
    await em.update(MembershipEntity, { id }, { status, invitationExpiresAt });
  }

  async updateRole(em: EntityManager, id: string, role: MemberRole): Promise<void> {
    await em.update(MembershipEntity, { id }, { role });
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await em.delete(MembershipEntity, { id });
  }

  async deleteByUser(em: EntityManager, userId: string): Promise<void> {
    await em.delete(MembershipEntity, { userId });
  }
}
