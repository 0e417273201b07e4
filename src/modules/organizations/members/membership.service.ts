import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { TransactionRunner } from '../../../shared/database/transaction-runner';
import { LiveAccessEvents } from '../../../shared/pubsub/live-access.events';
import { AppException } from '../../../shared/errors';
import { Page, pageSize, PaginationArgs, toConnection } from '../../../shared/graphql/connection';
import { checkMobilePhone, checkSnils, cleanText } from '../../../shared/identifiers';
import { AuditActorKind, DataAccessAction, DataAccessLogService } from '../../audit';
import { UserRepository } from '../../auth';
import type { UserEntity } from '../../auth';
import { OrganizationAccess } from '../access/organization-access.service';
import { MembershipEntity } from '../entities/membership.entity';
import type { AddEmployeeInput } from '../graphql/add-employee.input';
import { toMembership } from '../graphql/organization.mapper';
import type { Membership } from '../graphql/membership.type';
import { MemberRole } from '../organization.enums';
import { OrganizationException } from '../organizations.exception';
import { AccessGrantRepository } from '../repositories/access-grant.repository';
import { MemberPersonRepository } from '../repositories/member-person.repository';
import { MembershipRepository } from '../repositories/membership.repository';
import { OrganizationRepository } from '../repositories/organization.repository';
import { isDuplicateKey } from '../../../shared/database/duplicate-key';

// The names a member list shows of each person (field names of `User`, for the access log).
const LISTED_FIELDS = ['lastName', 'firstName', 'middleName'];

/**
 * Members of the session's organization: listing, adding and removing. Only HEAD and ADMIN
 * manage; only a HEAD appoints or removes a HEAD; the last HEAD stays. Ids of other
 * organizations' memberships are NOT_FOUND, never FORBIDDEN.
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
    private readonly users: UserRepository,
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
    await this.noteRead(
      manager,
      page.edges.map((edge) => edge.node.userId),
    );
    return page;
  }

  async add(principal: AuthPrincipal, input: AddEmployeeInput): Promise<Membership> {
    const manager = await this.access.requireManager(principal);
    if (input.role === MemberRole.HEAD && manager.role !== MemberRole.HEAD) {
      throw OrganizationException.headOnly();
    }
    const personnelNumber = input.personnelNumber ? cleanText(input.personnelNumber) : null;
    if (input.personnelNumber !== undefined && input.personnelNumber !== null && !personnelNumber) {
      throw AppException.badInput([
        { field: 'personnelNumber', message: 'Укажите табельный номер или не передавайте его' },
      ]);
    }
    const person = await this.findPerson(input);
    const membership: MembershipEntity = Object.assign(new MembershipEntity(), {
      id: randomUUID(),
      organizationId: manager.organizationId,
      userId: person.id,
      role: input.role,
      personnelNumber,
      createdAt: new Date(),
    });
    await this.tx.run(async (em) => {
      if (await this.memberships.findOne(em, manager.organizationId, person.id)) {
        throw OrganizationException.alreadyMember();
      }
      if (
        personnelNumber &&
        (await this.memberships.findByPersonnelNumber(em, manager.organizationId, personnelNumber))
      ) {
        throw OrganizationException.personnelNumberTaken();
      }
      await this.insertOrExplain(em, membership);
    });
    return toMembership(membership);
  }

  async remove(principal: AuthPrincipal, membershipId: string): Promise<void> {
    const manager = await this.access.requireManager(principal);
    const removed = await this.tx.run(async (em) => {
      // Locking the HEADs first serialises removals within the organization, so two HEADs
      // removing each other cannot leave it without one.
      const heads = await this.memberships.findHeadsForUpdate(em, manager.organizationId);
      const membership = await this.memberships.findById(em, membershipId);
      if (!membership || membership.organizationId !== manager.organizationId) {
        throw OrganizationException.membershipNotFound();
      }
      if (membership.role === MemberRole.HEAD) {
        if (manager.role !== MemberRole.HEAD) {
          throw OrganizationException.headOnly();
        }
        if (heads.length <= 1) {
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

  // The account named by a verified SNILS or a phone; exactly one of them must be given.
  private async findPerson(input: AddEmployeeInput): Promise<UserEntity> {
    const hasSnils = !!input.snils?.trim();
    const hasPhone = !!input.phone?.trim();
    if (hasSnils === hasPhone) {
      const message = 'Укажите СНИЛС или телефон сотрудника (что-то одно)';
      throw AppException.badInput([
        { field: 'snils', message },
        { field: 'phone', message },
      ]);
    }
    const em = this.dataSource.manager;
    if (hasSnils) {
      const snils = checkSnils(input.snils ?? '');
      if (!snils.valid) {
        throw AppException.badInput([{ field: 'snils', message: snils.message }]);
      }
      const user = await this.users.findBySnilsVerified(em, snils.normalized);
      if (!user) {
        throw OrganizationException.personNotFound();
      }
      return user;
    }
    const phone = checkMobilePhone(input.phone ?? '');
    if (!phone.valid) {
      throw AppException.badInput([{ field: 'phone', message: phone.message }]);
    }
    const user = await this.users.findByPhone(em, phone.normalized);
    if (!user) {
      throw OrganizationException.personNotFound();
    }
    return user;
  }

  // A racing addition of the same person or personnel number hits a unique key: told as the
  // same CONFLICT the checks above give.
  private async insertOrExplain(em: EntityManager, membership: MembershipEntity): Promise<void> {
    try {
      await this.memberships.insert(em, membership);
    } catch (error) {
      if (!isDuplicateKey(error)) {
        throw error;
      }
      throw isDuplicateKey(error, 'uq_memberships_org_personnel')
        ? OrganizationException.personnelNumberTaken()
        : OrganizationException.alreadyMember();
    }
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
    const initials = [actor?.firstName, actor?.middleName]
      .filter((name): name is string => !!name)
      .map((name) => `${name[0]}.`)
      .join(' ');
    const label = `${organization?.fullName ?? 'Организация'}, сотрудник ${actor?.lastName ?? ''} ${initials}`;
    await this.tx.run(async (tem) => {
      for (const subjectUserId of others) {
        await this.auditLog.record(tem, {
          subjectUserId,
          actorKind: AuditActorKind.ORGANIZATION_MEMBER,
          actorId: manager.userId,
          actorLabel: label.trim(),
          action: DataAccessAction.READ,
          fields: LISTED_FIELDS,
          purpose: 'Список сотрудников организации',
        });
      }
    });
  }
}
