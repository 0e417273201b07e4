import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { LiveAccessEvents } from '../../../core/pubsub/live-access.events';
import { Page, pageSize, PaginationArgs, toConnection } from '../../../shared/graphql/connection';
import { AuditActorKind, DataAccessAction, DataAccessLogService } from '../../audit';
import { OrganizationAccess } from '../access/organization-access.service';
import { MembershipEntity } from '../entities/membership.entity';
import { toMembership } from '../graphql/organization.mapper';
import type { Membership } from '../graphql/membership.type';
import { MemberRole, MembershipStatus } from '../organization.enums';
import { OrganizationException } from '../organizations.exception';
import { AccessGrantRepository } from '../repositories/access-grant.repository';
import { MemberPersonRepository } from '../repositories/member-person.repository';
import { MembershipRepository } from '../repositories/membership.repository';
import { OrganizationRepository } from '../repositories/organization.repository';
import { memberActorLabel } from './member-actor-label';

// The names a member list shows of each person (field names of `User`, for the access log).
const LISTED_FIELDS = ['lastName', 'firstName', 'middleName'];

/**
 * Members of the session's organization: listing and removing (adding is by invitation, see
 * InvitationService). Only HEAD and ADMIN manage; only a HEAD appoints or removes a HEAD; the
 * last ACTIVE HEAD stays. Ids of other organizations' memberships are NOT_FOUND, never FORBIDDEN.
 */
@Injectable()
export class MembershipService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: OrganizationAccess,
    private readonly organizations: OrganizationRepository,
    private readonly memberships: MembershipRepository,
    private readonly grants: AccessGrantRepository,
    private readonly persons: MemberPersonRepository,
    private readonly auditLog: DataAccessLogService,
    private readonly liveAccess: LiveAccessEvents,
  ) {}

  /** A page of members; each listed person's names are noted in their access log. */
  async page(principal: AuthPrincipal, args: PaginationArgs): Promise<Page<Membership>> {
    const manager = await this.access.requireManager(principal);
    const first = pageSize(args);
    const em = this.dataSource.manager;
    const [rows, total] = await Promise.all([
      this.memberships.findPage(em, manager.organizationId, first, args.after),
      this.memberships.countByOrganization(em, manager.organizationId),
    ]);
    const page = toConnection(rows.map(toMembership), first, total);
    // Only members who accepted show their names; invitations show what the organization typed.
    await this.noteRead(
      manager,
      page.edges
        .filter((edge) => edge.node.status === MembershipStatus.ACTIVE)
        .map((edge) => edge.node.userId),
    );
    return page;
  }

  async remove(principal: AuthPrincipal, membershipId: string): Promise<void> {
    const manager = await this.access.requireManager(principal);
    const removed = await this.tx.run(async (em) => {
      // Locking the HEADs first serialises removals within the organization, so two HEADs
      // removing each other cannot leave it without one.
      const heads = (await this.memberships.findHeadsForUpdate(em, manager.organizationId)).filter(
        (head) => head.status === MembershipStatus.ACTIVE,
      );
      const membership = await this.memberships.findById(em, membershipId);
      if (!membership || membership.organizationId !== manager.organizationId) {
        throw OrganizationException.membershipNotFound();
      }
      if (membership.role === MemberRole.HEAD) {
        if (manager.role !== MemberRole.HEAD) {
          throw OrganizationException.headOnly();
        }
        // Only ACTIVE heads count: an invited HEAD who never accepts would leave it headless.
        if (membership.status === MembershipStatus.ACTIVE && heads.length <= 1) {
          throw OrganizationException.lastHead();
        }
      }
      await this.grants.deleteByMembership(em, membership.id);
      await this.memberships.delete(em, membership.id);
      return membership;
    });
    // The removed member's live sockets in this organization close on every API node.
    await this.liveAccess.membershipEnded(removed.userId, removed.organizationId);
  }

  // One READ record per listed person (not the manager themself) in their access log.
  private async noteRead(manager: MembershipEntity, userIds: string[]): Promise<void> {
    const others = [...new Set(userIds)].filter((id) => id !== manager.userId);
    if (others.length === 0) {
      return;
    }
    const em = this.dataSource.manager;
    const [organization, [actor]] = await Promise.all([
      this.organizations.findById(em, manager.organizationId),
      this.persons.findManyByIds(em, [manager.userId]),
    ]);
    const label = memberActorLabel(organization, actor);
    await this.tx.run(async (tem) => {
      for (const subjectUserId of others) {
        await this.auditLog.record(tem, {
          subjectUserId,
          actorKind: AuditActorKind.ORGANIZATION_MEMBER,
          actorId: manager.userId,
          actorLabel: label,
          action: DataAccessAction.READ,
          fields: LISTED_FIELDS,
          purpose: 'Список сотрудников организации',
        });
      }
    });
  }
}
