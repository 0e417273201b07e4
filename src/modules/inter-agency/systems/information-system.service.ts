import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { InterAgencyAccess } from '../access/inter-agency-access.service';
import type { InterAgencyActor } from '../access/inter-agency-actor';
import { DecisionNotifier } from '../access-requests/decision-notifier';
import { InterAgencyAudit } from '../audit/inter-agency-audit.service';
import { InformationSystemEntity } from '../entities/information-system.entity';
import { SpecialQueueEntity } from '../entities/special-queue.entity';
import { InformationSystem } from '../graphql/information-system.type';
import { toInformationSystem, toSpecialQueue } from '../graphql/inter-agency.mapper';
import type { RegisterInformationSystemInput } from '../graphql/register-information-system.input';
import { SpecialQueue } from '../graphql/special-queue.type';
import { Environment, RegistrationStatus } from '../inter-agency.enums';
import { InterAgencyErrorCode, InterAgencyException } from '../inter-agency.exception';
import { InterAgencyQueue } from '../jobs/inter-agency.queue';
import { MessageIngestService } from '../messages/message-ingest.service';
import { AccessRequestRepository } from '../repositories/access-request.repository';
import { isDuplicateKey } from '../../../shared/database/duplicate-key';
import { InformationSystemRepository } from '../repositories/information-system.repository';
import { SpecialQueueRepository } from '../repositories/special-queue.repository';
import { RegistrationReview } from './registration-review';

// The operator's view of registrations waiting for a decision is a bounded list.
const OPERATOR_QUEUE_LIMIT = 200;

const MNEMONIC_OWNED_REASON = 'Мнемоника уже принадлежит активной системе другой организации';

function mnemonicTaken(mnemonic: string, environment: Environment): InterAgencyException {
  return InterAgencyException.duplicate(
    InterAgencyErrorCode.MNEMONIC_TAKEN,
    `Мнемоника ${mnemonic} уже занята в среде ${environment}`,
  );
}

/** Information systems: registration, the automatic TEST check, PROD decisions, special queues. */
@Injectable()
export class InformationSystemService {
  private readonly logger = new Logger(InformationSystemService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: InterAgencyAccess,
    private readonly systems: InformationSystemRepository,
    private readonly specialQueues: SpecialQueueRepository,
    private readonly accessRequests: AccessRequestRepository,
    private readonly audit: InterAgencyAudit,
    private readonly queue: InterAgencyQueue,
    private readonly notifier: DecisionNotifier,
    private readonly ingest: MessageIngestService,
    private readonly review: RegistrationReview,
  ) {}

  async register(
    principal: AuthPrincipal,
    input: RegisterInformationSystemInput,
  ): Promise<InformationSystem> {
    const actor = await this.access.requirePortal(principal);
    actor.requireEnvironment(input.environment);
    // An ACTIVE system owns its mnemonic in the environment: nobody else may file for it. A
    // PENDING registration holds nothing, so a squat does not block the real owner.
    if (
      await this.systems.findOwnerOfMnemonic(
        this.dataSource.manager,
        input.environment,
        input.mnemonic,
      )
    ) {
      throw mnemonicTaken(input.mnemonic, input.environment);
    }
    const now = new Date();
    const system: InformationSystemEntity = {
      id: randomUUID(),
      organizationId: actor.organizationId,
      mnemonic: input.mnemonic,
      liveMnemonic: input.mnemonic,
      ownedMnemonic: null,
      name: input.name.trim(),
      environment: input.environment,
      status: RegistrationStatus.PENDING,
      decisionReason: null,
      decidedAt: null,
      decidedByUserId: null,
      reviewHeldAt: null,
      createdByUserId: actor.userId,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.tx.run(async (em) => {
        await this.systems.insert(em, system);
        await this.audit.byActor(em, actor, {
          action: 'SYSTEM_REGISTERED',
          targetType: 'INFORMATION_SYSTEM',
          targetId: system.id,
          details: { mnemonic: system.mnemonic, environment: system.environment },
        });
      });
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw mnemonicTaken(input.mnemonic, input.environment);
      }
      throw error;
    }
    if (system.environment === Environment.TEST) {
      await this.enqueue(() => this.queue.checkSystem(system.id), system.id);
    }
    return toInformationSystem(system);
  }

  /**
   * The organization's systems; for a platform operator without an organization context, the
   * PROD registrations waiting for a decision (oldest first, at most 200).
   */
  async list(principal: AuthPrincipal, environment?: Environment): Promise<InformationSystem[]> {
    if (!principal.organizationId && (await this.access.isOperator(principal))) {
      const pending = await this.systems.findManyForOperator(
        this.dataSource.manager,
        OPERATOR_QUEUE_LIMIT,
      );
      const flags = await this.review.flags(this.dataSource.manager, pending);
      return pending.map((row) =>
        Object.assign(toInformationSystem(row), { reviewFlags: flags.get(row.id) ?? [] }),
      );
    }
    const actor = await this.access.requirePortal(principal);
    const environments = environment
      ? actor.environments.filter((e) => e === environment)
      : actor.environments;
    if (environments.length === 0) {
      throw InterAgencyException.representativeTestOnly();
    }
    const rows = await this.systems.findManyByOrganization(
      this.dataSource.manager,
      actor.organizationId,
      environments,
    );
    return rows.map(toInformationSystem);
  }

  /**
   * A PROD registration, or a TEST one the automatic check held for review, decided by a platform
   * operator.
   */
  async decide(
    principal: AuthPrincipal,
    id: string,
    approve: boolean,
    reason?: string | null,
  ): Promise<InformationSystem> {
    const operatorId = await this.access.requireOperator(principal);
    const note = reason?.trim() || null;
    if (!approve && !note) {
      throw InterAgencyException.reasonRequired();
    }
    const decided = await this.tx.run(async (em) => {
      const system = await this.systems.findByIdForUpdate(em, id);
      if (!system) {
        throw InterAgencyException.systemNotFound();
      }
      if (system.environment !== Environment.PROD && !system.reviewHeldAt) {
        throw InterAgencyException.notDecidable('Системы тестовой среды проверяются автоматически');
      }
      if (system.status !== RegistrationStatus.PENDING) {
        throw InterAgencyException.notDecidable('Решение по этой системе уже принято');
      }
      await this.access.requireOutsider(operatorId, system.organizationId);
      const status = approve ? RegistrationStatus.ACTIVE : RegistrationStatus.REJECTED;
      try {
        await this.systems.decide(em, id, {
          status,
          reason: note,
          byUserId: operatorId,
          at: new Date(),
        });
      } catch (error) {
        // Another organization's system became the mnemonic's owner first.
        if (isDuplicateKey(error)) {
          throw mnemonicTaken(system.mnemonic, system.environment);
        }
        throw error;
      }
      await this.audit.byPlatform(em, system.organizationId, operatorId, {
        action: approve ? 'SYSTEM_ACTIVATED' : 'SYSTEM_REJECTED',
        targetType: 'INFORMATION_SYSTEM',
        targetId: id,
        details: note ? { reason: note } : undefined,
      });
      return (await this.systems.findById(em, id))!;
    });
    if (decided.status === RegistrationStatus.ACTIVE) {
      if (decided.environment === Environment.TEST) {
        // A held TEST registration: its TEST requests waited for it, as after the automatic check.
        await this.enqueue(() => this.requeueWaitingRequests(this.dataSource.manager, id), id);
      }
      await this.releaseHeld(decided);
    }
    await this.announce(decided);
    return toInformationSystem(decided);
  }

  /**
   * The queued TEST check: a PENDING TEST registration becomes ACTIVE, and the pending TEST
   * access requests that waited for it are checked again. Idempotent: a decided one is left be.
   */
  async activateTest(systemId: string): Promise<void> {
    const activated = await this.tx.run(async (em) => {
      const system = await this.systems.findByIdForUpdate(em, systemId);
      if (
        !system ||
        system.environment !== Environment.TEST ||
        system.status !== RegistrationStatus.PENDING ||
        system.reviewHeldAt
      ) {
        return null;
      }
      const at = new Date();
      // Traffic already uses the mnemonic (held aside, or under another organization): whoever
      // registered it may be squatting, so an operator decides instead of the automatic check.
      const flags = await this.review.holdingActivation(em, system);
      if (flags.length > 0) {
        if (await this.systems.holdForReview(em, systemId, at)) {
          await this.audit.byPlatform(em, system.organizationId, null, {
            action: 'SYSTEM_HELD_FOR_REVIEW',
            targetType: 'INFORMATION_SYSTEM',
            targetId: systemId,
            details: { automatic: true, flags: flags.join(',') },
          });
        }
        return null;
      }
      let owned = true;
      try {
        await this.systems.decide(em, systemId, {
          status: RegistrationStatus.ACTIVE,
          reason: null,
          byUserId: null,
          at,
        });
      } catch (error) {
        if (!isDuplicateKey(error)) {
          throw error;
        }
        // The mnemonic was taken by another organization's system in the meantime: the
        // registration is refused (MySQL undid only the failed statement).
        owned = false;
        await this.systems.decide(em, systemId, {
          status: RegistrationStatus.REJECTED,
          reason: MNEMONIC_OWNED_REASON,
          byUserId: null,
          at,
        });
      }
      await this.audit.byPlatform(em, system.organizationId, null, {
        action: owned ? 'SYSTEM_ACTIVATED' : 'SYSTEM_REJECTED',
        targetType: 'INFORMATION_SYSTEM',
        targetId: systemId,
        details: owned ? { automatic: true } : { automatic: true, reason: MNEMONIC_OWNED_REASON },
      });
      return (await this.systems.findById(em, systemId))!;
    });
    if (!activated) {
      return;
    }
    if (activated.status !== RegistrationStatus.ACTIVE) {
      await this.announce(activated);
      return;
    }
    await this.requeueWaitingRequests(this.dataSource.manager, systemId);
    await this.releaseHeld(activated);
    await this.announce(activated);
  }

  async addSpecialQueue(
    principal: AuthPrincipal,
    systemId: string,
    name: string,
  ): Promise<SpecialQueue> {
    const actor = await this.access.requirePortal(principal);
    const system = await this.requireOwnActiveSystem(actor, systemId);
    const queue: SpecialQueueEntity = {
      id: randomUUID(),
      systemId: system.id,
      name,
      createdByUserId: actor.userId,
      createdAt: new Date(),
    };
    try {
      await this.tx.run(async (em) => {
        await this.specialQueues.insert(em, queue);
        await this.audit.byActor(em, actor, {
          action: 'SPECIAL_QUEUE_ADDED',
          targetType: 'INFORMATION_SYSTEM',
          targetId: system.id,
          details: { specialQueueId: queue.id, name },
        });
      });
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw InterAgencyException.duplicate(
          InterAgencyErrorCode.SPECIAL_QUEUE_EXISTS,
          `У системы уже есть очередь ${name}`,
        );
      }
      throw error;
    }
    return toSpecialQueue(queue);
  }

  /**
   * Special queues are the owner's configuration: another organization's queue names (reached
   * through `dataKinds → ownerSystem`) are nothing it may use, and a developer representative
   * reaches TEST only.
   */
  static mayUseQueues(
    principal: AuthPrincipal,
    system: Pick<InformationSystem, 'organizationId' | 'environment'>,
  ): boolean {
    return (
      !!principal.organizationId &&
      principal.organizationId === system.organizationId &&
      (!principal.developerRepresentative || system.environment === Environment.TEST)
    );
  }

  /**
   * A system of the actor's organization in an environment the actor reaches, ACTIVE. Another
   * organization's system is NOT_FOUND; a PROD one is FORBIDDEN to a representative.
   */
  async requireOwnActiveSystem(
    actor: InterAgencyActor,
    systemId: string,
  ): Promise<InformationSystemEntity> {
    const system = await this.requireOwnSystem(actor, systemId);
    if (system.status !== RegistrationStatus.ACTIVE) {
      throw InterAgencyException.systemNotActive();
    }
    return system;
  }

  async requireOwnSystem(
    actor: InterAgencyActor,
    systemId: string,
  ): Promise<InformationSystemEntity> {
    const system = await this.systems.findById(this.dataSource.manager, systemId);
    if (!system || system.organizationId !== actor.organizationId) {
      throw InterAgencyException.systemNotFound();
    }
    actor.requireEnvironment(system.environment);
    return system;
  }

  private async requeueWaitingRequests(em: EntityManager, systemId: string): Promise<void> {
    const ids = await this.accessRequests.findPendingTestIdsInvolving(em, systemId);
    for (const id of ids) {
      await this.queue.checkAccessRequest(id);
    }
  }

  // Events held aside for the mnemonic now have an owner. The decision is committed either way:
  // what is not released now stays held (visible to operators) and is released with the next
  // activation that involves it.
  private async releaseHeld(system: InformationSystemEntity): Promise<void> {
    try {
      await this.ingest.releaseHeld(system.environment, system.mnemonic);
    } catch (error) {
      this.logger.warn({ err: error, id: system.id }, 'held message events not released');
    }
  }

  private async announce(system: InformationSystemEntity): Promise<void> {
    const env = system.environment === Environment.TEST ? 'тестовой' : 'продуктивной';
    const text =
      system.status === RegistrationStatus.ACTIVE
        ? `Информационная система ${system.mnemonic} (${system.name}) зарегистрирована в ${env} среде и активна.`
        : `Регистрация информационной системы ${system.mnemonic} (${system.name}) в ${env} среде отклонена. Причина: ${system.decisionReason ?? 'не указана'}.`;
    await this.notifier.notifyManagers(
      system.organizationId,
      'Регистрация информационной системы',
      text,
    );
  }

  // The row is committed: a failed enqueue is picked up by the reconciler.
  private async enqueue(work: () => Promise<void>, id: string): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn({ err: error, id }, 'inter-agency check not queued; the reconciler will');
    }
  }
}
