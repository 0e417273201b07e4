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

  /**
   * Organizations where the user is the only ACTIVE HEAD (an invited HEAD does not count). The
   * HEAD rows of every organization the user heads are locked first (the same rows
   * {@link findHeadsForUpdate} locks, in one order), so two HEADs deleting their accounts at once
   * are serialised and the second sees the first gone.
   */
  async findSoleHeadshipsForUpdate(em: EntityManager, userId: string): Promise<string[]> {
    const headed = await em.query<{ organization_id: string }[]>(
      'SELECT organization_id FROM memberships WHERE user_id = ? AND role = ? AND status = ?',
      [userId, MemberRole.HEAD, MembershipStatus.ACTIVE],
    );
    if (headed.length === 0) {
      return [];
    }
    const heads = await em.query<
      { organization_id: string; user_id: string; status: MembershipStatus }[]
    >(
      `SELECT organization_id, user_id, status FROM memberships
        WHERE organization_id IN (?) AND role = ?
        ORDER BY organization_id, user_id
        FOR UPDATE`,
      [headed.map((row) => row.organization_id), MemberRole.HEAD],
    );
    const others = new Set(
      heads
        .filter((row) => row.user_id !== userId && row.status === MembershipStatus.ACTIVE)
        .map((row) => row.organization_id),
    );
    const still = new Set(
      heads.filter((row) => row.user_id === userId).map((row) => row.organization_id),
    );
    return [...still].filter((organizationId) => !others.has(organizationId));
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
