import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TransactionRunner } from '../../../shared/database/transaction-runner';
import { AuditActorKind, DataAccessAction, DataAccessLogService } from '../../audit';
import { ChildRepository, IdentityDirectory, LinkVerification } from '../../identity';
import {
  LinkCheckRequest,
  LinkKind,
  PersonRegistry,
  RegistryVerdict,
} from '../registry/person-registry.port';
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
  ) {}

  /** Checks one link; idempotent (a decided or changed link is left alone). */
  async check(kind: LinkKind, id: string): Promise<void> {
    const before = await this.load(this.dataSource.manager, kind, id, false);
    if (!before || before.verification !== LinkVerification.PENDING) {
      return;
    }
    const verdict: RegistryVerdict | null = before.request
      ? await this.registry.checkLink(before.request)
      : null;
    const outcome = await this.tx.run(async (em) => {
      await this.identity.lockAccount(em, before.userId);
      const now = await this.load(em, kind, id, true);
      if (
        !now ||
        now.verification !== LinkVerification.PENDING ||
        now.fingerprint !== before.fingerprint
      ) {
        return null;
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
    if (outcome) {
      this.logger.log({ kind, id, verification: outcome }, 'link checked');
    }
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
