import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { AuditActorKind, DataAccessAction, DataAccessLogService } from '../../audit';
import { ChildRepository, IdentityDirectory, LinkVerification } from '../../identity';
import {
  LinkCheckRequest,
  LinkKind,
  PersonRegistry,
  RegistryVerdict,
} from '../registry/person-registry.port';
import { LinkCheckDeadlineRepository } from '../repositories/link-check-deadline.repository';
import { UserProfileRepository } from '../repositories/user-profile.repository';
import { VehicleRepository } from '../repositories/vehicle.repository';
import { LINK_KIND_FIELD } from './link-kinds';
import { LinkRequestBuilder } from './link-request.builder';

/** A link as the check sees it: whose, what was linked when, and the request (null: no proof). */
interface LinkState {
  userId: string;
  /** The identifier and when it was linked: a check applies only to the link it was made for. */
  fingerprint: string;
  verification: LinkVerification;
  request: LinkCheckRequest | null;
  /** Field names for the access log. */
  fields: string[];
}

const REGISTRY_LABEL: Record<LinkKind, string> = {
  VEHICLE: 'ГИБДД (проверка СТС)',
  OMS_POLICY: 'Реестр полисов ОМС',
  CHILD: 'ЗАГС (запись о рождении)',
  PAYER_CODE: 'ЕИРЦ (код плательщика)',
  ELECTRICITY_ACCOUNT: 'Энергосбыт (лицевой счёт)',
  DRIVER_LICENSE: 'ГИБДД (водительское удостоверение)',
};

/**
 * Runs the registry check of an identifier link (worker side). MATCH → VERIFIED with
 * `verifiedAt`; MISMATCH / NOT_FOUND → REJECTED. An unavailable registry throws so Bull retries.
 * The answer is applied only if the link is still the one that was asked about (same value,
 * same linkedAt, still PENDING), under the account's lock.
 */
@Injectable()
export class LinkCheckService {
  private readonly logger = new Logger(LinkCheckService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly identity: IdentityDirectory,
    private readonly vehicles: VehicleRepository,
    private readonly children: ChildRepository,
    private readonly profiles: UserProfileRepository,
    private readonly requests: LinkRequestBuilder,
    private readonly audit: DataAccessLogService,
    private readonly registry: PersonRegistry,
    private readonly deadlines: LinkCheckDeadlineRepository,
  ) {}

  /**
   * Checks one link; idempotent (a decided link is left alone). A link that changed while the
   * registry was asked (a new value, or the holder's names the request carried) is asked again
   * with what it holds now; after a few such races the job fails, so Bull retries it later.
   */
  async check(kind: LinkKind, id: string): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if ((await this.checkOnce(kind, id)) !== 'CHANGED') {
        return;
      }
    }
    throw new Error(`link ${kind}:${id} kept changing during its check`);
  }

  private async checkOnce(kind: LinkKind, id: string): Promise<'DONE' | 'CHANGED'> {
    const before = await this.load(this.dataSource.manager, kind, id, false);
    if (!before || before.verification !== LinkVerification.PENDING) {
      return 'DONE';
    }
    const verdict: RegistryVerdict | null = before.request
      ? await this.registry.checkLink(before.request)
      : null;
    const outcome = await this.tx.run(async (em) => {
      await this.identity.lockAccount(em, before.userId);
      const now = await this.load(em, kind, id, true);
      if (!now || now.verification !== LinkVerification.PENDING) {
        return null;
      }
      // The verdict answers the request that was sent: a link or a holder that changed since is
      // asked again, never given an answer about other data.
      if (
        now.fingerprint !== before.fingerprint ||
        JSON.stringify(now.request) !== JSON.stringify(before.request)
      ) {
        return 'CHANGED' as const;
      }
      // The proof went away meanwhile (e.g. the SNILS fell out of force): back to waiting.
      const next =
        verdict === null
          ? LinkVerification.UNVERIFIED
          : verdict === 'MATCH'
            ? LinkVerification.VERIFIED
            : LinkVerification.REJECTED;
      const verifiedAt = next === LinkVerification.VERIFIED ? new Date() : null;
      await this.write(em, kind, id, next, verifiedAt);
      await this.deadlines.delete(em, kind, id);
      if (verdict !== null) {
        await this.audit.record(em, {
          subjectUserId: now.userId,
          actorKind: AuditActorKind.REGISTRY,
          actorLabel: REGISTRY_LABEL[kind],
          action: DataAccessAction.CHECK,
          fields: now.fields,
          purpose: 'Подтверждение связи с идентификатором',
        });
      }
      return next;
    });
    if (outcome === 'CHANGED') {
      return 'CHANGED';
    }
    if (outcome) {
      this.logger.log({ kind, id, verification: outcome }, 'link checked');
    }
    return 'DONE';
  }

  /**
   * Gives up a check past its deadline: a link still PENDING becomes EXPIRED (a late answer is
   * then ignored); the deadline goes either way. Returns whether the link expired.
   */
  async expire(kind: LinkKind, id: string): Promise<boolean> {
    const found = await this.load(this.dataSource.manager, kind, id, false);
    return this.tx.run(async (em) => {
      if (found) {
        await this.identity.lockAccount(em, found.userId);
      }
      const now = found ? await this.load(em, kind, id, true) : null;
      await this.deadlines.delete(em, kind, id);
      if (!now || now.verification !== LinkVerification.PENDING) {
        return false;
      }
      await this.write(em, kind, id, LinkVerification.EXPIRED, null);
      return true;
    });
  }

  private async load(
    em: EntityManager,
    kind: LinkKind,
    id: string,
    lock: boolean,
  ): Promise<LinkState | null> {
    switch (kind) {
      case 'VEHICLE': {
        const vehicle = await this.vehicles.findById(em, id, lock);
        return vehicle
          ? {
              userId: vehicle.userId,
              fingerprint: `${vehicle.plate}|${vehicle.registrationCertificate ?? ''}|${vehicle.linkedAt.getTime()}`,
              verification: vehicle.verification,
              request: this.requests.vehicle(vehicle),
              fields: ['vehicles'],
            }
          : null;
      }
      case 'CHILD': {
        const child = await this.children.findById(em, id, lock);
        if (!child) {
          return null;
        }
        const holder = await this.requests.holder(em, child.parentUserId);
        return {
          userId: child.parentUserId,
          fingerprint: `${child.snils ?? ''}|${child.linkedAt.getTime()}`,
          verification: child.verification,
          request: this.requests.child(child, holder),
          fields: ['children', 'snils'],
        };
      }
      case 'DRIVER_LICENSE':
      case 'PAYER_CODE':
      case 'ELECTRICITY_ACCOUNT':
      case 'OMS_POLICY': {
        const field = LINK_KIND_FIELD[kind]!;
        const profile = await this.profiles.findProfile(em, id, lock);
        if (!profile || !profile[field]) {
          return null;
        }
        const holder = await this.requests.holder(em, id);
        return {
          userId: id,
          fingerprint: `${profile[field]}|${profile[`${field}LinkedAt`]?.getTime() ?? ''}`,
          verification: profile[`${field}Verification`],
          request: this.requests.field(field, profile, holder),
          fields: [field, 'lastName', 'firstName', 'middleName', 'birthDate'],
        };
      }
    }
  }

  private async write(
    em: EntityManager,
    kind: LinkKind,
    id: string,
    verification: LinkVerification,
    verifiedAt: Date | null,
  ): Promise<void> {
    switch (kind) {
      case 'VEHICLE':
        return this.vehicles.update(em, id, { verification, verifiedAt });
      case 'CHILD':
        return this.children.updateVerification(em, id, verification, verifiedAt);
      case 'DRIVER_LICENSE':
      case 'PAYER_CODE':
      case 'ELECTRICITY_ACCOUNT':
      case 'OMS_POLICY': {
        const field = LINK_KIND_FIELD[kind]!;
        return this.profiles.updateProfile(em, id, {
          [`${field}Verification`]: verification,
          [`${field}VerifiedAt`]: verifiedAt,
        });
      }
    }
  }
}
