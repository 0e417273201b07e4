import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { limitsConfig } from '../../../config/configuration';
import type { AuthPrincipal } from '../../../shared/auth';
import { isDuplicateKey } from '../../../shared/database/duplicate-key';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { AppException } from '../../../shared/errors';
import { checkMobilePhone, checkSnils, cleanText } from '../../../shared/identifiers';
import { AttemptLimiter } from '../../../core/rate-limit/index';
import type { AttemptLimit } from '../../../core/rate-limit/index';
import { AuditActorKind, DataAccessAction, DataAccessLogService } from '../../audit';
import { accountOwnerId, UserRepository } from '../../identity';
import type { UserEntity } from '../../identity';
import { MessagingService } from '../../messaging';
import { PersonalNotices } from '../../notifications';
import { NotificationCategory } from '../../service-events';
import { OrganizationAccess } from '../access/organization-access.service';
import { MembershipEntity } from '../entities/membership.entity';
import type { OrganizationEntity } from '../entities/organization.entity';
import type { AddEmployeeInput } from '../graphql/add-employee.input';
import type { Membership } from '../graphql/membership.type';
import { toMembership } from '../graphql/organization.mapper';
import { MemberRole, MembershipStatus } from '../organization.enums';
import { OrganizationException } from '../organizations.exception';
import { AccessGrantRepository } from '../repositories/access-grant.repository';
import { MemberPersonRepository } from '../repositories/member-person.repository';
import { MembershipRepository } from '../repositories/membership.repository';
import { OrganizationRepository } from '../repositories/organization.repository';
import { invitationTexts } from './invitation-texts';
import { memberActorLabel } from './member-actor-label';

/** An invitation lapses unanswered after this long. */
export const INVITATION_TTL_MS = 14 * 24 * 3600 * 1000;
const DAY_SECONDS = 24 * 3600;

/** The identifier an organization typed, checked and normalised. */
interface TypedIdentifier {
  field: 'phone' | 'snils';
  normalized: string;
  masked: string;
}

/**
 * Organizations add people by invitation: `addEmployee` makes an INVITED membership (names stay
 * hidden, nothing is reachable), the person accepts or declines it; unanswered, it lapses after
 * 14 days. Each invitation is a look-up of a person, so they are limited per organization and
 * recorded in the person's access log.
 */
@Injectable()
export class InvitationService {
  private readonly logger = new Logger(InvitationService.name);

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
    private readonly limiter: AttemptLimiter,
    private readonly notices: PersonalNotices,
    private readonly messaging: MessagingService,
    @Inject(limitsConfig.KEY) private readonly limits: ConfigType<typeof limitsConfig>,
  ) {}

  /** `addEmployee`: invites the person named by a verified SNILS or a phone. */
  async invite(principal: AuthPrincipal, input: AddEmployeeInput): Promise<Membership> {
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
    const typed = typedIdentifier(input);
    // Every look-up counts, found or not: the limit is on finding out whose a phone or SNILS is.
    const limit: AttemptLimit = {
      name: 'org:invite',
      max: this.limits.organizationInvitationsPerDay,
      windowSeconds: DAY_SECONDS,
    };
    const outcome = await this.limiter.hit(limit, manager.organizationId);
    if (!outcome.allowed) {
      throw OrganizationException.invitationLimitReached(outcome.retryAfterSeconds);
    }
    const person = await this.findPerson(typed);
    const em = this.dataSource.manager;
    const [organization, [actor]] = await Promise.all([
      this.organizations.findById(em, manager.organizationId),
      this.persons.findManyByIds(em, [manager.userId]),
    ]);
    const now = new Date();
    const membership: MembershipEntity = Object.assign(new MembershipEntity(), {
      id: randomUUID(),
      organizationId: manager.organizationId,
      userId: person.id,
      role: input.role,
      personnelNumber,
      status: MembershipStatus.INVITED,
      invitedAs: typed.masked,
      invitationExpiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      createdAt: now,
    });
    await this.tx.run(async (tem) => {
      await this.clearWay(tem, membership, now);
      await this.insertOrExplain(tem, membership);
      await this.auditLog.record(tem, {
        subjectUserId: person.id,
        actorKind: AuditActorKind.ORGANIZATION_MEMBER,
        actorId: manager.userId,
        actorLabel: memberActorLabel(organization, actor),
        action: DataAccessAction.CHECK,
        fields: [typed.field],
        purpose: 'Приглашение в организацию',
      });
    });
    await this.notify(person, organization, membership);
    return toMembership(membership);
  }

  /** `myInvitations`: the caller's invitations still waiting for an answer. */
  async mine(principal: AuthPrincipal): Promise<Membership[]> {
    const userId = accountOwnerId(principal);
    const rows = await this.memberships.findOpenInvitations(
      this.dataSource.manager,
      userId,
      new Date(),
    );
    return rows.map(toMembership);
  }

  /** `acceptMembership`: the invitation becomes an ACTIVE membership. */
  async accept(principal: AuthPrincipal, membershipId: string): Promise<Membership> {
    const userId = accountOwnerId(principal);
    const accepted = await this.tx.run(async (em) => {
      const membership = await this.answerable(em, membershipId, userId);
      await this.memberships.updateStatus(em, membership.id, MembershipStatus.ACTIVE, null);
      return Object.assign(membership, {
        status: MembershipStatus.ACTIVE,
        invitationExpiresAt: null,
      });
    });
    return toMembership(accepted);
  }

  /** `declineMembership`: the organization sees DECLINED, and may invite again. */
  async decline(principal: AuthPrincipal, membershipId: string): Promise<void> {
    const userId = accountOwnerId(principal);
    await this.tx.run(async (em) => {
      const membership = await this.answerable(em, membershipId, userId);
      await this.memberships.updateStatus(em, membership.id, MembershipStatus.DECLINED, null);
    });
  }

  // The caller's own invitation, locked, unanswered and not lapsed. Somebody else's is told
  // apart from an unknown id by nothing.
  private async answerable(
    em: EntityManager,
    membershipId: string,
    userId: string,
  ): Promise<MembershipEntity> {
    const membership = await this.memberships.findByIdForUpdate(em, membershipId);
    if (!membership || membership.userId.toLowerCase() !== userId.toLowerCase()) {
      throw OrganizationException.invitationNotFound();
    }
    if (membership.status !== MembershipStatus.INVITED) {
      throw OrganizationException.invitationAnswered();
    }
    if (isLapsed(membership, new Date())) {
      throw OrganizationException.invitationExpired();
    }
    return membership;
  }

  // A member or a waiting invitation of the same person refuses; a declined or lapsed one (of the
  // person, or holding the personnel number) makes way for the new invitation.
  private async clearWay(em: EntityManager, next: MembershipEntity, now: Date): Promise<void> {
    const existing = await this.memberships.findOne(em, next.organizationId, next.userId);
    if (existing) {
      if (existing.status === MembershipStatus.ACTIVE) {
        throw OrganizationException.alreadyMember();
      }
      if (existing.status === MembershipStatus.INVITED && !isLapsed(existing, now)) {
        throw OrganizationException.alreadyInvited();
      }
      await this.grants.deleteByMembership(em, existing.id);
      await this.memberships.delete(em, existing.id);
    }
    if (!next.personnelNumber) {
      return;
    }
    const holder = await this.memberships.findByPersonnelNumber(
      em,
      next.organizationId,
      next.personnelNumber,
    );
    if (!holder) {
      return;
    }
    const stale =
      holder.status === MembershipStatus.DECLINED ||
      (holder.status === MembershipStatus.INVITED && isLapsed(holder, now));
    if (!stale) {
      throw OrganizationException.personnelNumberTaken();
    }
    await this.grants.deleteByMembership(em, holder.id);
    await this.memberships.delete(em, holder.id);
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
        : OrganizationException.alreadyInvited();
    }
  }

  private async findPerson(typed: TypedIdentifier): Promise<UserEntity> {
    const em = this.dataSource.manager;
    const user =
      typed.field === 'snils'
        ? await this.users.findBySnilsVerified(em, typed.normalized)
        : await this.users.findByPhone(em, typed.normalized);
    if (!user) {
      throw OrganizationException.personNotFound();
    }
    return user;
  }

  // After the commit: the in-app notice and the SMS. The invitation stands even if they fail
  // (it is in `myInvitations`), so a failure is logged, not returned.
  private async notify(
    person: UserEntity,
    organization: OrganizationEntity | null,
    membership: MembershipEntity,
  ): Promise<void> {
    const name = organization?.shortName ?? organization?.fullName ?? 'Организация';
    const texts = invitationTexts(
      name,
      membership.role,
      membership.invitationExpiresAt ?? new Date(),
    );
    const results = await Promise.allSettled([
      this.notices.send({
        userId: person.id,
        category: NotificationCategory.ORGANIZATIONS,
        title: texts.title,
        body: texts.body,
      }),
      this.messaging.sendSms(person.phone, texts.sms),
    ]);
    results.forEach((result) => {
      if (result.status === 'rejected') {
        this.logger.warn(
          { membershipId: membership.id, err: result.reason as unknown },
          'invitation notice not sent',
        );
      }
    });
  }
}

function isLapsed(membership: MembershipEntity, now: Date): boolean {
  return (
    membership.status === MembershipStatus.INVITED &&
    (!membership.invitationExpiresAt || membership.invitationExpiresAt.getTime() <= now.getTime())
  );
}

// Exactly one of a verified SNILS or a phone, checked by the shared rules; kept masked for the
// organization's list.
function typedIdentifier(input: AddEmployeeInput): TypedIdentifier {
  const hasSnils = !!input.snils?.trim();
  const hasPhone = !!input.phone?.trim();
  if (hasSnils === hasPhone) {
    const message = 'Укажите СНИЛС или телефон сотрудника (что-то одно)';
    throw AppException.badInput([
      { field: 'snils', message },
      { field: 'phone', message },
    ]);
  }
  if (hasSnils) {
    const snils = checkSnils(input.snils ?? '');
    if (!snils.valid) {
      throw AppException.badInput([{ field: 'snils', message: snils.message }]);
    }
    return { field: 'snils', normalized: snils.normalized, masked: maskSnils(snils.normalized) };
  }
  const phone = checkMobilePhone(input.phone ?? '');
  if (!phone.valid) {
    throw AppException.badInput([{ field: 'phone', message: phone.message }]);
  }
  return { field: 'phone', normalized: phone.normalized, masked: maskPhone(phone.normalized) };
}

/** `+79161234567` → `+7 *** ***-45-67`. */
export function maskPhone(e164: string): string {
  return `${e164.slice(0, 2)} *** ***-${e164.slice(-4, -2)}-${e164.slice(-2)}`;
}

/** `123-456-789 64` → `***-***-*** 64`. */
export function maskSnils(snils: string): string {
  return `***-***-*** ${snils.slice(-2)}`;
}
