import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { AppException } from '../../../shared/errors';
import { InterAgencyAccess } from '../access/inter-agency-access.service';
import type { InterAgencyActor } from '../access/inter-agency-actor';
import { InterAgencyAudit } from '../audit/inter-agency-audit.service';
import { AccessRequestEntity } from '../entities/access-request.entity';
import { AccessRequest } from '../graphql/access-request.type';
import type { DataKindAccessInput } from '../graphql/data-kind-access.input';
import { toAccessRequest } from '../graphql/inter-agency.mapper';
import {
  AccessRequestStatus,
  Environment,
  ExchangeRole,
  RegistrationStatus,
} from '../inter-agency.enums';
import { InterAgencyErrorCode, InterAgencyException } from '../inter-agency.exception';
import { InterAgencyQueue } from '../jobs/inter-agency.queue';
import { AccessRequestRepository } from '../repositories/access-request.repository';
import { DataKindRepository } from '../repositories/data-kind.repository';
import { isDuplicateKey } from '../../../shared/database/duplicate-key';
import { InformationSystemRepository } from '../repositories/information-system.repository';
import { InformationSystemService } from '../systems/information-system.service';
import { AccessNotices } from './access-notices';
import { quoteFreeText } from './free-text';

// An organization's requests are a bounded list (API.md): the newest this many.
const LIST_LIMIT = 500;

const NOT_REVOCABLE = 'Отозвать можно только предоставленный доступ';

const ROLE_TEXT: Record<ExchangeRole, string> = {
  CONSUMER: 'потребителя',
  PROVIDER: 'поставщика',
};

/**
 * Access requests: TEST ones are granted by a queued check once both systems are ACTIVE; PROD
 * ones wait for the organization owning the kind of data. Every decision is announced to the
 * requesting organization's HEAD and ADMINs. A granted access can be revoked later (REVOKED).
 */
@Injectable()
export class AccessRequestService {
  private readonly logger = new Logger(AccessRequestService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: InterAgencyAccess,
    private readonly systemService: InformationSystemService,
    private readonly systems: InformationSystemRepository,
    private readonly kinds: DataKindRepository,
    private readonly requests: AccessRequestRepository,
    private readonly audit: InterAgencyAudit,
    private readonly queue: InterAgencyQueue,
    private readonly notices: AccessNotices,
  ) {}

  async request(principal: AuthPrincipal, input: DataKindAccessInput): Promise<AccessRequest> {
    const actor = await this.access.requirePortal(principal);
    const system = await this.systemService.requireOwnSystem(actor, input.systemId);
    if (system.status === RegistrationStatus.REJECTED) {
      throw InterAgencyException.systemNotActive();
    }
    const kind = await this.kinds.findById(this.dataSource.manager, input.dataKindId);
    if (!kind) {
      throw InterAgencyException.dataKindNotFound();
    }
    // TEST and PROD never mix: the automatic TEST check must never hand a TEST system a kind
    // whose owner decides on PROD.
    if (kind.environment !== system.environment) {
      throw InterAgencyException.environmentMismatch();
    }
    if (kind.ownerSystemId === system.id) {
      throw AppException.badInput([
        { field: 'systemId', message: 'Система уже владеет этим видом сведений' },
      ]);
    }
    const request: AccessRequestEntity = {
      id: randomUUID(),
      dataKindId: kind.id,
      systemId: system.id,
      organizationId: actor.organizationId,
      ownerOrganizationId: kind.ownerOrganizationId,
      role: input.role,
      environment: system.environment,
      status: AccessRequestStatus.PENDING,
      live: 1,
      reason: null,
      createdByUserId: actor.userId,
      decidedByUserId: null,
      createdAt: new Date(),
      decidedAt: null,
    };
    try {
      await this.tx.run(async (em) => {
        await this.requests.insert(em, request);
        await this.audit.byActor(em, actor, {
          action: 'ACCESS_REQUESTED',
          targetType: 'ACCESS_REQUEST',
          targetId: request.id,
          details: { dataKindId: kind.id, systemId: system.id, role: input.role },
        });
      });
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw InterAgencyException.duplicate(
          InterAgencyErrorCode.ACCESS_REQUEST_EXISTS,
          'Заявка на этот вид сведений для этой системы уже подана или одобрена',
        );
      }
      throw error;
    }
    if (request.environment === Environment.TEST) {
      await this.announceTestRequest(request);
      try {
        await this.queue.checkAccessRequest(request.id);
      } catch (error) {
        this.logger.warn(
          { err: error, id: request.id },
          'access check not queued; reconciler will',
        );
      }
    }
    return toAccessRequest(request);
  }

  /** The organization's requests and the requests for its kinds of data, newest first. */
  async list(principal: AuthPrincipal, status?: AccessRequestStatus): Promise<AccessRequest[]> {
    const actor = await this.access.requirePortal(principal);
    const rows = await this.requests.findManyForOrganization(
      this.dataSource.manager,
      actor.organizationId,
      actor.environments,
      status,
      LIST_LIMIT,
    );
    return rows.map(toAccessRequest);
  }

  /** A PROD request decided by the organization owning the kind of data. */
  async decide(
    principal: AuthPrincipal,
    id: string,
    approve: boolean,
    reason?: string | null,
  ): Promise<AccessRequest> {
    const actor = await this.access.requirePortal(principal);
    const note = reason?.trim() || null;
    const decided = await this.tx.run(async (em) => {
      const request = await this.findForParty(em, actor, id);
      if (request.ownerOrganizationId !== actor.organizationId) {
        throw AppException.forbidden('Решение принимает владелец вида сведений');
      }
      if (request.environment === Environment.TEST) {
        throw InterAgencyException.notDecidable(
          'Заявки тестовой среды рассматриваются автоматически',
        );
      }
      if (request.status !== AccessRequestStatus.PENDING) {
        throw InterAgencyException.notDecidable('Решение по этой заявке уже принято');
      }
      if (!approve && !note) {
        throw InterAgencyException.reasonRequired();
      }
      if (approve) {
        const system = await this.systems.findById(em, request.systemId);
        if (system?.status !== RegistrationStatus.ACTIVE) {
          throw InterAgencyException.systemNotActive();
        }
      }
      const status = approve ? AccessRequestStatus.GRANTED : AccessRequestStatus.REJECTED;
      if (
        !(await this.requests.decide(em, id, {
          status,
          reason: note,
          byUserId: actor.userId,
          at: new Date(),
        }))
      ) {
        throw InterAgencyException.notDecidable('Решение по этой заявке уже принято');
      }
      await this.audit.byActor(em, actor, {
        action: approve ? 'ACCESS_GRANTED' : 'ACCESS_REJECTED',
        targetType: 'ACCESS_REQUEST',
        targetId: id,
        details: note ? { reason: note } : undefined,
      });
      return (await this.requests.findById(em, id))!;
    });
    await this.announce(decided);
    return toAccessRequest(decided);
  }

  /**
   * The queued TEST check: granted once the requesting system and the kind's owner system are
   * both ACTIVE; otherwise left PENDING (activation of either system queues the check again).
   */
  async checkTest(id: string): Promise<void> {
    const decided = await this.tx.run(async (em) => {
      const request = await this.requests.findById(em, id);
      if (
        !request ||
        request.environment !== Environment.TEST ||
        request.status !== AccessRequestStatus.PENDING
      ) {
        return null;
      }
      const kind = await this.kinds.findById(em, request.dataKindId);
      if (kind && kind.environment !== Environment.TEST) {
        // A TEST request for a PROD kind (filed before kinds had an environment) is nothing the
        // automatic check may grant: it is refused, never left to be granted later.
        return this.rejectAutomatically(em, request, 'Вид сведений зарегистрирован в другой среде');
      }
      const [requester, owner] = await Promise.all([
        this.systems.findById(em, request.systemId),
        kind ? this.systems.findById(em, kind.ownerSystemId) : null,
      ]);
      if (
        requester?.status !== RegistrationStatus.ACTIVE ||
        owner?.status !== RegistrationStatus.ACTIVE
      ) {
        return null;
      }
      const at = new Date();
      if (
        !(await this.requests.decide(em, id, {
          status: AccessRequestStatus.GRANTED,
          reason: null,
          byUserId: null,
          at,
        }))
      ) {
        return null;
      }
      await this.audit.byPlatform(em, request.organizationId, null, {
        action: 'ACCESS_GRANTED',
        targetType: 'ACCESS_REQUEST',
        targetId: id,
        details: { automatic: true },
      });
      return (await this.requests.findById(em, id))!;
    });
    if (decided) {
      await this.announce(decided);
    }
  }

  private async rejectAutomatically(
    em: EntityManager,
    request: AccessRequestEntity,
    reason: string,
  ): Promise<AccessRequestEntity | null> {
    const decided = await this.requests.decide(em, request.id, {
      status: AccessRequestStatus.REJECTED,
      reason,
      byUserId: null,
      at: new Date(),
    });
    if (!decided) {
      return null;
    }
    await this.audit.byPlatform(em, request.organizationId, null, {
      action: 'ACCESS_REJECTED',
      targetType: 'ACCESS_REQUEST',
      targetId: request.id,
      details: { automatic: true, reason },
    });
    return (await this.requests.findById(em, request.id))!;
  }

  /**
   * Withdraws a GRANTED access, in either environment. The owner of the kind of data (whoever
   * decides the request) revokes it, with a reason as for a rejection; the requesting
   * organization may give up its own access. The other party's HEAD and ADMINs are told.
   */
  async revoke(
    principal: AuthPrincipal,
    id: string,
    reason?: string | null,
  ): Promise<AccessRequest> {
    const actor = await this.access.requirePortal(principal);
    const note = reason?.trim() || null;
    const { revoked, byOwner } = await this.tx.run(async (em) => {
      const request = await this.findForParty(em, actor, id);
      const byOwner = request.ownerOrganizationId === actor.organizationId;
      if (request.status !== AccessRequestStatus.GRANTED) {
        throw InterAgencyException.notDecidable(NOT_REVOCABLE);
      }
      if (byOwner && !note) {
        throw InterAgencyException.reasonRequired('Укажите причину отзыва доступа');
      }
      // Compare-and-set: of concurrent revocations (or a revocation racing any other change)
      // exactly one finds the request still GRANTED.
      if (
        !(await this.requests.revoke(em, id, {
          reason: note,
          byUserId: actor.userId,
          at: new Date(),
        }))
      ) {
        throw InterAgencyException.notDecidable(NOT_REVOCABLE);
      }
      await this.audit.byActor(em, actor, {
        action: 'ACCESS_REVOKED',
        targetType: 'ACCESS_REQUEST',
        targetId: id,
        details: { by: byOwner ? 'OWNER' : 'REQUESTER', reason: note },
      });
      return { revoked: (await this.requests.findById(em, id))!, byOwner };
    });
    await this.announceRevocation(revoked, byOwner);
    return toAccessRequest(revoked);
  }

  /**
   * The request as one of its two parties (the requesting organization, the owner of the kind
   * of data) sees it: anyone else gets NOT_FOUND, never told the request exists; a developer
   * representative reaches TEST requests only.
   */
  private async findForParty(
    em: EntityManager,
    actor: InterAgencyActor,
    id: string,
  ): Promise<AccessRequestEntity> {
    const request = await this.requests.findById(em, id);
    if (
      !request ||
      (request.ownerOrganizationId !== actor.organizationId &&
        request.organizationId !== actor.organizationId)
    ) {
      throw InterAgencyException.accessRequestNotFound();
    }
    actor.requireEnvironment(request.environment);
    return request;
  }

  // Free texts (the reason, the kind's name) are quoted bounded and disarmed: they come from
  // one organization and reach another through the platform's own sender.
  private async announce(request: AccessRequestEntity): Promise<void> {
    const what = await this.describe(request);
    const text =
      request.status === AccessRequestStatus.GRANTED
        ? `Заявка одобрена: ${what} предоставлен.`
        : `Заявка отклонена: ${what}. Причина: ${request.reason ? quoteFreeText(request.reason) : 'не указана'}.`;
    await this.notices.send(
      request,
      request.organizationId,
      'Заявка на доступ к виду сведений',
      text,
    );
  }

  /** A new TEST request goes into the owner's daily digest (PROD owners see their queue). */
  private async announceTestRequest(request: AccessRequestEntity): Promise<void> {
    const what = await this.describe(request);
    await this.notices.send(
      request,
      request.ownerOrganizationId,
      'Заявка на доступ к виду сведений',
      `Подана заявка: ${what}. Тестовые заявки рассматриваются автоматически.`,
    );
  }

  /** The owner's revocation goes to the requester, the requester's withdrawal to the owner. */
  private async announceRevocation(request: AccessRequestEntity, byOwner: boolean): Promise<void> {
    const what = await this.describe(request);
    const why = request.reason ? ` Причина: ${quoteFreeText(request.reason)}.` : '';
    if (byOwner) {
      await this.notices.send(
        request,
        request.organizationId,
        'Доступ к виду сведений отозван',
        `Доступ отозван владельцем вида сведений: ${what} больше не предоставляется.${why}`,
      );
    } else {
      await this.notices.send(
        request,
        request.ownerOrganizationId,
        'Отказ от доступа к виду сведений',
        `Заявитель отказался от доступа: ${what} больше не предоставляется.${why}`,
      );
    }
  }

  /** «доступ потребителя к виду сведений «…» для системы … (… среда)», for notifications. */
  private async describe(request: AccessRequestEntity): Promise<string> {
    const em = this.dataSource.manager;
    const [kind, system] = await Promise.all([
      this.kinds.findById(em, request.dataKindId),
      this.systems.findById(em, request.systemId),
    ]);
    return `доступ ${ROLE_TEXT[request.role]} к виду сведений ${kind ? quoteFreeText(kind.name) : request.dataKindId} для системы ${system?.mnemonic ?? request.systemId} (${request.environment === Environment.TEST ? 'тестовая' : 'продуктивная'} среда)`;
  }
}
