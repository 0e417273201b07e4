import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { InterAgencyActor } from '../access/inter-agency-actor';
import type { AuditDetails } from '../entities/inter-agency-audit-record.entity';
import { InterAgencyAuditRepository } from '../repositories/inter-agency-audit.repository';

/** What the portal audits: every change, by whom (and whether as a developer representative). */
export type InterAgencyAuditAction =
  | 'SYSTEM_REGISTERED'
  | 'SYSTEM_ACTIVATED'
  | 'SYSTEM_REJECTED'
  | 'SYSTEM_HELD_FOR_REVIEW'
  | 'DATA_KIND_REGISTERED'
  | 'NAMESPACE_ASSIGNED'
  | 'ACCESS_REQUESTED'
  | 'ACCESS_GRANTED'
  | 'ACCESS_REJECTED'
  | 'ACCESS_REVOKED'
  | 'SPECIAL_QUEUE_ADDED'
  | 'REPRESENTATIVE_APPOINTED'
  | 'REPRESENTATIVE_REVOKED';

export interface InterAgencyAuditEntry {
  action: InterAgencyAuditAction;
  targetType: string;
  targetId: string;
  details?: AuditDetails;
}

/** Appends audit records inside the caller's transaction: no change without its record. */
@Injectable()
export class InterAgencyAudit {
  constructor(private readonly records: InterAgencyAuditRepository) {}

  /** A change made by a person acting for an organization (member or representative). */
  async byActor(em: EntityManager, actor: InterAgencyActor, entry: InterAgencyAuditEntry) {
    await this.write(em, actor.organizationId, actor.userId, actor.isRepresentative, entry);
  }

  /** A decision of a platform operator or of the platform itself (userId null). */
  async byPlatform(
    em: EntityManager,
    organizationId: string | null,
    userId: string | null,
    entry: InterAgencyAuditEntry,
  ) {
    await this.write(em, organizationId, userId, false, entry);
  }

  private async write(
    em: EntityManager,
    organizationId: string | null,
    actorUserId: string | null,
    asRepresentative: boolean,
    entry: InterAgencyAuditEntry,
  ): Promise<void> {
    await this.records.insert(em, {
      id: randomUUID(),
      organizationId,
      actorUserId,
      asRepresentative,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: entry.details ?? null,
      createdAt: new Date(),
    });
  }
}
