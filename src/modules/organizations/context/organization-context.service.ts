import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { AppException } from '../../../shared/errors';
import { AuthPayload, SessionService } from '../../auth';
import { accountOwnerId } from '../../identity';
import { UserRepository } from '../../identity';
import type { ClientInfo } from '../../auth';
import { toOrganization } from '../graphql/organization.mapper';
import type { Organization } from '../graphql/organization.type';
import type { MembershipEntity } from '../entities/membership.entity';
import { MembershipStatus } from '../organization.enums';
import { OrganizationException } from '../organizations.exception';
import { MembershipRepository } from '../repositories/membership.repository';
import { RepresentationDirectory } from './representation-directory';
import { OrganizationRepository } from '../repositories/organization.repository';

/** The caller's organizations and the organization context of the session. */
@Injectable()
export class OrganizationContextService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationRepository,
    private readonly memberships: MembershipRepository,
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
    private readonly representation: RepresentationDirectory,
  ) {}

  /**
   * The organizations the account is an ACTIVE member of, in the order it joined them, then those it
   * represents as a developer representative without being a member (`myRole: null`).
   */
  async mine(principal: AuthPrincipal): Promise<Organization[]> {
    const em = this.dataSource.manager;
    const userId = accountOwnerId(principal);
    const memberships = await this.memberships.findActiveByUser(em, userId);
    const memberOf = new Set(memberships.map((m) => m.organizationId));
    const represented = (await this.representation.organizationsRepresentedBy(userId)).filter(
      (id) => !memberOf.has(id),
    );
    const organizations = await this.organizations.findManyByIds(em, [...memberOf, ...represented]);
    const byId = new Map(organizations.map((o) => [o.id, o]));
    const asMember = memberships.flatMap((m) => {
      const organization = byId.get(m.organizationId);
      return organization ? [toOrganization(organization, m.role)] : [];
    });
    const asRepresentative = represented.flatMap((id) => {
      const organization = byId.get(id);
      return organization ? [toOrganization(organization, null)] : [];
    });
    return [...asMember, ...asRepresentative];
  }

  /**
   * Switches the session to an organization the account belongs to, or represents as a developer
   * representative (tokens with the `rep` claim: its TEST systems only): new tokens with its
   * context, the current session ended. Any other id is NOT_FOUND, existing or not.
   */
  async select(
    principal: AuthPrincipal,
    organizationId: string,
    client: ClientInfo,
  ): Promise<AuthPayload> {
    const em = this.dataSource.manager;
    const userId = accountOwnerId(principal);
    const membership = activeOnly(await this.memberships.findOne(em, organizationId, userId));
    const representative =
      !membership && (await this.representation.represents(userId, organizationId));
    const user = membership || representative ? await this.users.findById(em, userId) : null;
    if (!user) {
      throw OrganizationException.organizationNotFound();
    }
    return this.sessions.switchContext(user, principal.sessionId, client, {
      organizationId,
      developerRepresentative: representative,
    });
  }

  /**
   * Back from an organization's context to the person's own account (`leaveOrganizationContext`),
   * under selectOrganization's session rules: new tokens without an organization, the current
   * session ended in the same transaction. An individual's session is refused
   * (NOT_IN_ORGANIZATION_CONTEXT); integrator clients and student sessions have no own account
   * to go back to (accountOwnerId refuses them).
   */
  async leave(principal: AuthPrincipal, client: ClientInfo): Promise<AuthPayload> {
    const userId = accountOwnerId(principal);
    if (!principal.organizationId) {
      throw OrganizationException.notInOrganizationContext();
    }
    const user = await this.users.findById(this.dataSource.manager, userId);
    if (!user) {
      throw AppException.unauthenticated();
    }
    return this.sessions.switchContext(user, principal.sessionId, client, {});
  }

  /** The session's organization; ORGANIZATION_CONTEXT_REQUIRED for an individual's session. */
  async current(principal: AuthPrincipal): Promise<Organization> {
    const organizationId = principal.organizationId;
    if (!organizationId) {
      throw AppException.organizationContextRequired();
    }
    const em = this.dataSource.manager;
    const organization = await this.organizations.findById(em, organizationId);
    if (!organization) {
      throw OrganizationException.organizationNotFound();
    }
    if (principal.kind === 'client' || principal.developerRepresentative) {
      // An integrator client, or a developer representative, acts for the organization
      // without a role in it.
      return toOrganization(organization, null);
    }
    const membership = activeOnly(
      await this.memberships.findOne(em, organizationId, principal.userId ?? ''),
    );
    if (!membership) {
      throw AppException.forbidden('Вы больше не состоите в этой организации');
    }
    return toOrganization(organization, membership.role);
  }
}

// An invited or declining person is not a member yet.
function activeOnly(membership: MembershipEntity | null): MembershipEntity | null {
  return membership?.status === MembershipStatus.ACTIVE ? membership : null;
}
