import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { AppException } from '../../../shared/errors';
import { checkSnils } from '../../../shared/identifiers';
import { AuditActorKind, DataAccessAction, DataAccessLogService } from '../../audit';
import { UserRepository } from '../../identity';
import { MembershipEntity, MembershipStatus, OrganizationEntity } from '../../organizations';
import { InterAgencyAccess } from '../access/inter-agency-access.service';
import type { InterAgencyActor } from '../access/inter-agency-actor';
import { InterAgencyAudit } from '../audit/inter-agency-audit.service';
import { DeveloperRepresentativeEntity } from '../entities/developer-representative.entity';
import { DeveloperRepresentative } from '../graphql/developer-representative.type';
import { toDeveloperRepresentative } from '../graphql/inter-agency.mapper';
import { Organization, toOrganization } from '../graphql/organization-refs';
import { InterAgencyErrorCode, InterAgencyException } from '../inter-agency.exception';
import { DeveloperRepresentativeRepository } from '../repositories/developer-representative.repository';
import { isDuplicateKey } from '../../../shared/database/duplicate-key';

/**
 * Developer representatives: a HEAD or ADMIN finds a person by SNILS, sees the organizations
 * that person belongs to, and appoints them for one of those (their employer, the developer).
 * The representative then reaches the appointing organization's TEST environment only.
 */
@Injectable()
export class DeveloperRepresentativeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: InterAgencyAccess,
    private readonly users: UserRepository,
    private readonly representatives: DeveloperRepresentativeRepository,
    private readonly audit: InterAgencyAudit,
    private readonly dataAccessLog: DataAccessLogService,
  ) {}

  async candidates(principal: AuthPrincipal, snils: string): Promise<Organization[]> {
    const actor = await this.access.requireManager(principal);
    const person = await this.findPerson(snils);
    if (!person) {
      return [];
    }
    const organizations = await this.dataSource.transaction(async (em) => {
      await this.recordRead(em, actor, person.id);
      return this.organizationsOf(em, person.id);
    });
    return organizations.map((o) => toOrganization(o, null));
  }

  async appoint(
    principal: AuthPrincipal,
    snils: string,
    developerOrganizationId: string,
  ): Promise<DeveloperRepresentative> {
    const actor = await this.access.requireManager(principal);
    const person = await this.findPerson(snils);
    if (!person) {
      throw InterAgencyException.personNotFound();
    }
    if (developerOrganizationId === actor.organizationId) {
      throw AppException.badInput([
        {
          field: 'developerOrganizationId',
          message: 'Сотрудники вашей организации работают в портале без назначения',
        },
      ]);
    }
    const row: DeveloperRepresentativeEntity = {
      id: randomUUID(),
      organizationId: actor.organizationId,
      userId: person.id,
      developerOrganizationId,
      active: 1,
      appointedByUserId: actor.userId,
      createdAt: new Date(),
      revokedAt: null,
      revokedByUserId: null,
    };
    try {
      await this.tx.run(async (em) => {
        const member = await em.getRepository(MembershipEntity).exists({
          where: {
            organizationId: developerOrganizationId,
            userId: person.id,
            status: MembershipStatus.ACTIVE,
          },
        });
        if (!member) {
          throw InterAgencyException.notACandidate();
        }
        await this.representatives.insert(em, row);
        await this.recordRead(em, actor, person.id);
        await this.audit.byActor(em, actor, {
          action: 'REPRESENTATIVE_APPOINTED',
          targetType: 'DEVELOPER_REPRESENTATIVE',
          targetId: row.id,
          details: { userId: person.id, developerOrganizationId },
        });
      });
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw InterAgencyException.duplicate(
          InterAgencyErrorCode.REPRESENTATIVE_EXISTS,
          'Этот человек уже назначен представителем разработчика',
        );
      }
      throw error;
    }
    return toDeveloperRepresentative(row);
  }

  async revoke(principal: AuthPrincipal, id: string): Promise<boolean> {
    const actor = await this.access.requireManager(principal);
    await this.tx.run(async (em) => {
      const row = await this.representatives.findActiveInOrganization(em, actor.organizationId, id);
      if (!row || !(await this.representatives.revoke(em, id, actor.userId, new Date()))) {
        throw InterAgencyException.representativeNotFound();
      }
      await this.audit.byActor(em, actor, {
        action: 'REPRESENTATIVE_REVOKED',
        targetType: 'DEVELOPER_REPRESENTATIVE',
        targetId: id,
        details: { userId: row.userId },
      });
    });
    return true;
  }

  /** The organization's representatives in force (not shown to representatives themselves). */
  async list(principal: AuthPrincipal): Promise<DeveloperRepresentative[]> {
    const actor = await this.access.requirePortal(principal);
    actor.requireNotRepresentative();
    const rows = await this.representatives.findManyActiveByOrganization(
      this.dataSource.manager,
      actor.organizationId,
    );
    return rows.map(toDeveloperRepresentative);
  }

  private async findPerson(snils: string) {
    const check = checkSnils(snils);
    if (!check.valid) {
      throw AppException.badInput([{ field: 'snils', message: check.message }]);
    }
    return this.users.findBySnilsVerified(this.dataSource.manager, check.normalized);
  }

  private async organizationsOf(em: EntityManager, userId: string): Promise<OrganizationEntity[]> {
    const memberships = await em
      .getRepository(MembershipEntity)
      .find({ where: { userId, status: MembershipStatus.ACTIVE } });
    if (memberships.length === 0) {
      return [];
    }
    return em.getRepository(OrganizationEntity).find({
      where: { id: In(memberships.map((m) => m.organizationId)) },
      order: { fullName: 'ASC' },
    });
  }

  // The person's employment is their data: the lookup shows in their myDataAccessLog.
  private async recordRead(em: EntityManager, actor: InterAgencyActor, subjectUserId: string) {
    const organization = await em
      .getRepository(OrganizationEntity)
      .findOne({ where: { id: actor.organizationId } });
    await this.dataAccessLog.record(em, {
      subjectUserId,
      actorKind: AuditActorKind.ORGANIZATION_MEMBER,
      actorId: actor.userId,
      actorLabel: organization?.shortName ?? organization?.fullName ?? 'Организация',
      action: DataAccessAction.READ,
      fields: ['snils'],
      purpose: 'Назначение представителя разработчика',
    });
  }
}
