import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { AppException } from '../../../shared/errors';
import type { AuthPrincipal } from '../../../shared/auth';
import { AccessGrantEntity } from '../entities/access-grant.entity';
import { MembershipEntity } from '../entities/membership.entity';
import { OrganizationEntity } from '../entities/organization.entity';
import { MemberRole, OrgSystem } from '../organization.enums';

/** Who acts for an organization in a request that passed {@link OrganizationAccess.requireSystem}. */
export interface OrganizationActor {
  organizationId: string;
  /** The member acting (null for an integrator client of the organization). */
  membership: MembershipEntity | null;
  apiClientId: string | null;
}

interface OrganizationRow {
  id: string;
  type: OrganizationEntity['type'];
  inn: string;
  ogrn: string;
  kpp: string | null;
  full_name: string;
  short_name: string | null;
  created_at: Date;
}

interface MembershipRow {
  id: string;
  organization_id: string;
  user_id: string;
  role: MemberRole;
  personnel_number: string | null;
  created_at: Date;
}

/**
 * The organization-side access rule used by every module: the session must carry an
 * organization; HEAD and ADMIN reach every system, an EMPLOYEE only through an unexpired grant
 * (checked now, at every request, not by a nightly job); integrator clients need the scope.
 */
@Injectable()
export class OrganizationAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async requireSystem(
    principal: AuthPrincipal,
    system: OrgSystem,
    clientScope: string,
  ): Promise<OrganizationActor> {
    const organizationId = principal.organizationId;
    if (!organizationId) {
      throw AppException.organizationContextRequired();
    }
    if (principal.kind === 'client') {
      if (!principal.scopes.includes(clientScope)) {
        throw AppException.forbidden(`Клиенту не выдано разрешение ${clientScope}`);
      }
      return { organizationId, membership: null, apiClientId: principal.subject };
    }
    const membership = await this.findMembership(organizationId, principal.userId ?? '');
    if (!membership) {
      throw AppException.forbidden('Вы больше не состоите в этой организации');
    }
    if (membership.role === MemberRole.HEAD || membership.role === MemberRole.ADMIN) {
      return { organizationId, membership, apiClientId: null };
    }
    const now = new Date();
    const grant = await this.dataSource.getRepository(AccessGrantEntity).findOne({
      where: [
        { membershipId: membership.id, system, expiresAt: IsNull() },
        { membershipId: membership.id, system, expiresAt: MoreThan(now) },
      ],
    });
    if (!grant) {
      throw AppException.forbidden(
        'Нет доступа к этой услуге: обратитесь к руководителю организации',
      );
    }
    return { organizationId, membership, apiClientId: null };
  }

  // Asked on every organization request (every upload on deadline day): a plain statement by the
  // unique (organization, user) key, without the ORM's find machinery.
  private async findMembership(
    organizationId: string,
    userId: string,
  ): Promise<MembershipEntity | null> {
    const [row] = await this.dataSource.query<MembershipRow[]>(
      `SELECT id, organization_id, user_id, role, personnel_number, created_at
       FROM memberships WHERE organization_id = ? AND user_id = ? LIMIT 1`,
      [organizationId, userId],
    );
    return row
      ? Object.assign(new MembershipEntity(), {
          id: row.id,
          organizationId: row.organization_id,
          userId: row.user_id,
          role: row.role,
          personnelNumber: row.personnel_number,
          createdAt: row.created_at,
        })
      : null;
  }

  /**
   * The caller must be a HEAD or ADMIN of the session's organization (integrator clients never
   * manage an organization).
   */
  async requireManager(principal: AuthPrincipal): Promise<MembershipEntity> {
    const organizationId = principal.organizationId;
    if (!organizationId) {
      throw AppException.organizationContextRequired();
    }
    if (principal.kind !== 'user' || !principal.userId) {
      throw AppException.forbidden('Действие доступно только руководителю или администратору');
    }
    const membership = await this.dataSource
      .getRepository(MembershipEntity)
      .findOne({ where: { organizationId, userId: principal.userId } });
    if (!membership || membership.role === MemberRole.EMPLOYEE) {
      throw AppException.forbidden('Действие доступно только руководителю или администратору');
    }
    return membership;
  }

  /** Whether a user is a member of an organization (any role). */
  async isMember(organizationId: string, userId: string): Promise<boolean> {
    return this.dataSource
      .getRepository(MembershipEntity)
      .exists({ where: { organizationId, userId } });
  }

  /** Read by the worker for every report it checks: a plain statement by the primary key. */
  async findOrganization(id: string): Promise<OrganizationEntity | null> {
    const [row] = await this.dataSource.query<OrganizationRow[]>(
      `SELECT id, type, inn, ogrn, kpp, full_name, short_name, created_at
       FROM organizations WHERE id = ?`,
      [id],
    );
    return row
      ? Object.assign(new OrganizationEntity(), {
          id: row.id,
          type: row.type,
          inn: row.inn,
          ogrn: row.ogrn,
          kpp: row.kpp,
          fullName: row.full_name,
          shortName: row.short_name,
          createdAt: row.created_at,
        })
      : null;
  }
}
