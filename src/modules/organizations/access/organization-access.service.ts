import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { AppException } from '../../../shared/errors';
import type { AuthPrincipal } from '../../../shared/auth';
import { perTurnBatch, tuplePlaceholders } from '../../../shared/database/per-turn-batch';
import { AccessGrantEntity } from '../entities/access-grant.entity';
import { MembershipEntity } from '../entities/membership.entity';
import { OrganizationEntity } from '../entities/organization.entity';
import { MemberRole, MembershipStatus, OrgSystem } from '../organization.enums';

interface MembershipKey {
  organizationId: string;
  userId: string;
}

/** Who acts for an organization in a request that passed {@link OrganizationAccess.requireSystem}. */
export interface OrganizationActor {
  organizationId: string;
  /** The member acting (null for an integrator client of the organization). */
  membership: MembershipEntity | null;
  apiClientId: string | null;
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

  // Asked on every organization request (every upload on deadline day): plain statements by the
  // unique (organization, user) key, without the ORM's find machinery, the look-ups of requests
  // that arrive together in one. Columns are aliased to the entity's property names, so a row is
  // the entity's values. Only ACTIVE memberships are found: an invited or declining person acts
  // for nobody.
  private findMembership(organizationId: string, userId: string): Promise<MembershipEntity | null> {
    return this.membershipLookup({ organizationId, userId });
  }

  private readonly membershipLookup = perTurnBatch<MembershipKey, MembershipEntity | null>(
    async (keys) => {
      const rows = await this.dataSource.query<Partial<MembershipEntity>[]>(
        `SELECT id, organization_id AS organizationId, user_id AS userId, role, status,
           personnel_number AS personnelNumber, invited_as AS invitedAs,
           invitation_expires_at AS invitationExpiresAt, created_at AS createdAt
         FROM memberships WHERE status = ?
           AND (organization_id, user_id) IN (${tuplePlaceholders(keys.length, 2)})`,
        [MembershipStatus.ACTIVE, ...keys.flatMap((k) => [k.organizationId, k.userId])],
      );
      // The key compares like the column (case-insensitively).
      const keyOf = (k: Partial<MembershipKey>) =>
        `${k.organizationId ?? ''}/${k.userId ?? ''}`.toLowerCase();
      const found = new Map(rows.map((row) => [keyOf(row), row]));
      return keys.map((k) => {
        const row = found.get(keyOf(k));
        return row ? Object.assign(new MembershipEntity(), row) : null;
      });
    },
  );

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
    const membership = await this.findMembership(organizationId, principal.userId);
    if (!membership || membership.role === MemberRole.EMPLOYEE) {
      throw AppException.forbidden('Действие доступно только руководителю или администратору');
    }
    return membership;
  }

  /** Whether a user is an ACTIVE member of an organization (any role). */
  async isMember(organizationId: string, userId: string): Promise<boolean> {
    return this.dataSource
      .getRepository(MembershipEntity)
      .exists({ where: { organizationId, userId, status: MembershipStatus.ACTIVE } });
  }

  /** Read by the worker for every report it checks: a plain statement by the primary key. */
  /**
   * A page of organizations (by id, after `after`) that have ACTIVE HEAD or ADMIN members, each
   * with its name and those members' account ids (deadline reminders of remote-work reports).
   */
  async managersPage(
    after: string,
    limit: number,
  ): Promise<{ organizationId: string; fullName: string; userIds: string[] }[]> {
    const managed = `role IN ('${MemberRole.HEAD}', '${MemberRole.ADMIN}') AND status = '${MembershipStatus.ACTIVE}'`;
    const page = await this.dataSource.query<{ organization_id: string }[]>(
      `SELECT DISTINCT organization_id FROM memberships
       WHERE ${managed} AND organization_id > ? ORDER BY organization_id LIMIT ?`,
      [after, limit],
    );
    if (page.length === 0) {
      return [];
    }
    const ids = page.map((r) => r.organization_id);
    const marks = ids.map(() => '?').join(', ');
    const [members, names] = await Promise.all([
      this.dataSource.query<{ organization_id: string; user_id: string }[]>(
        `SELECT organization_id, user_id FROM memberships
         WHERE ${managed} AND organization_id IN (${marks}) ORDER BY user_id`,
        ids,
      ),
      this.dataSource.query<{ id: string; full_name: string }[]>(
        `SELECT id, full_name FROM organizations WHERE id IN (${marks})`,
        ids,
      ),
    ]);
    const nameOf = new Map(names.map((n) => [n.id, n.full_name]));
    return ids.map((organizationId) => ({
      organizationId,
      fullName: nameOf.get(organizationId) ?? '',
      userIds: members.filter((m) => m.organization_id === organizationId).map((m) => m.user_id),
    }));
  }

  async findOrganization(id: string): Promise<OrganizationEntity | null> {
    const [row] = await this.dataSource.query<Partial<OrganizationEntity>[]>(
      `SELECT id, type, inn, ogrn, kpp, full_name AS fullName, short_name AS shortName,
         created_at AS createdAt
       FROM organizations WHERE id = ?`,
      [id],
    );
    return row ? Object.assign(new OrganizationEntity(), row) : null;
  }
}
