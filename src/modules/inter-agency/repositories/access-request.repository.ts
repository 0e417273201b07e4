import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In } from 'typeorm';
import { AccessRequestEntity } from '../entities/access-request.entity';
import { AccessRequestStatus, Environment } from '../inter-agency.enums';

/** Who changed a request's status, when and why. */
interface Decision {
  reason: string | null;
  byUserId: string | null;
  at: Date;
}

/** The only ORM user of `inter_agency_access_requests`. */
@Injectable()
export class AccessRequestRepository {
  async insert(em: EntityManager, row: AccessRequestEntity): Promise<void> {
    await em.insert(AccessRequestEntity, row);
  }

  findById(em: EntityManager, id: string): Promise<AccessRequestEntity | null> {
    return em.findOneBy(AccessRequestEntity, { id });
  }

  /**
   * Requests made by the organization's systems and requests for its kinds of data, newest
   * first, in the environments given, at most `limit`.
   */
  findManyForOrganization(
    em: EntityManager,
    organizationId: string,
    environments: Environment[],
    status: AccessRequestStatus | undefined,
    limit: number,
  ): Promise<AccessRequestEntity[]> {
    const qb = em
      .createQueryBuilder(AccessRequestEntity, 'r')
      .where(
        new Brackets((w) =>
          w
            .where('r.organization_id = :organizationId', { organizationId })
            .orWhere('r.owner_organization_id = :organizationId', { organizationId }),
        ),
      )
      .andWhere('r.environment IN (:...environments)', { environments })
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(limit);
    if (status) {
      qb.andWhere('r.status = :status', { status });
    }
    return qb.getMany();
  }

  /** PENDING TEST requests that involve a system (as requester or as owner of the kind). */
  async findPendingTestIdsInvolving(em: EntityManager, systemId: string): Promise<string[]> {
    const rows = await em
      .createQueryBuilder(AccessRequestEntity, 'r')
      .select('r.id', 'id')
      .innerJoin('data_kinds', 'k', 'k.id = r.data_kind_id')
      .where('r.status = :status AND r.environment = :environment', {
        status: AccessRequestStatus.PENDING,
        environment: Environment.TEST,
      })
      .andWhere(
        new Brackets((w) =>
          w
            .where('r.system_id = :systemId', { systemId })
            .orWhere('k.owner_system_id = :systemId', { systemId }),
        ),
      )
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /** PENDING TEST requests created before `olderThan` (for the reconciler), oldest first. */
  async findPendingTestIds(em: EntityManager, olderThan: Date, limit: number): Promise<string[]> {
    const rows = await em
      .createQueryBuilder(AccessRequestEntity, 'r')
      .select('r.id', 'id')
      .where('r.status = :status AND r.environment = :environment AND r.created_at < :olderThan', {
        status: AccessRequestStatus.PENDING,
        environment: Environment.TEST,
        olderThan,
      })
      .orderBy('r.created_at', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /** Decides a PENDING request; false when it was no longer PENDING. */
  decide(
    em: EntityManager,
    id: string,
    decision: Decision & { status: AccessRequestStatus.GRANTED | AccessRequestStatus.REJECTED },
  ): Promise<boolean> {
    return this.moveFrom(em, id, AccessRequestStatus.PENDING, decision);
  }

  /**
   * Withdraws a GRANTED access; false when it was no longer GRANTED. The revocation becomes the
   * request's latest decision (who, when, why); the grant itself stays in the audit log.
   */
  revoke(em: EntityManager, id: string, revocation: Decision): Promise<boolean> {
    return this.moveFrom(em, id, AccessRequestStatus.GRANTED, {
      ...revocation,
      status: AccessRequestStatus.REVOKED,
    });
  }

  // Compare-and-set on the status: of concurrent changes exactly one finds `from`. `live` stays
  // 1 only for a GRANTED request, so a rejected or revoked system may ask again.
  private async moveFrom(
    em: EntityManager,
    id: string,
    from: AccessRequestStatus,
    decision: Decision & { status: AccessRequestStatus },
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(AccessRequestEntity)
      .set({
        status: decision.status,
        live: decision.status === AccessRequestStatus.GRANTED ? 1 : null,
        reason: decision.reason,
        decidedByUserId: decision.byUserId,
        decidedAt: decision.at,
      })
      .where('id = :id AND status = :from', { id, from })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  findManyByIds(em: EntityManager, ids: readonly string[]): Promise<AccessRequestEntity[]> {
    return ids.length ? em.findBy(AccessRequestEntity, { id: In([...ids]) }) : Promise.resolve([]);
  }
}
