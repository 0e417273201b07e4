import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { AppException } from '../../../shared/errors';
import { OrganizationAccess, OrgSystem } from '../../organizations';
import { PlatformRole, PlatformRolesService } from '../../platform-roles';
import { DeveloperRepresentativeRepository } from '../repositories/developer-representative.repository';
import { appointmentInForce } from '../representatives/developer-representative.directory';
import { InterAgencyException } from '../inter-agency.exception';
import { InterAgencyActor } from './inter-agency-actor';

// No integrator scope opens the portal: it is for people (and their developer representatives).
const NO_CLIENT_SCOPE = 'inter-agency:portal';

/**
 * The portal's access rule (API.md «inter-agency access»): organization context and HEAD/ADMIN
 * or an INTER_AGENCY_PORTAL grant; or a developer representative session of the organization
 * (token claim `rep`), whose appointment is checked at every request and which reaches TEST only.
 */
@Injectable()
export class InterAgencyAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationAccess,
    private readonly platformRoles: PlatformRolesService,
    private readonly representatives: DeveloperRepresentativeRepository,
  ) {}

  async requirePortal(principal: AuthPrincipal): Promise<InterAgencyActor> {
    const organizationId = principal.organizationId;
    if (!organizationId) {
      throw AppException.organizationContextRequired();
    }
    if (principal.kind !== 'user' || !principal.userId) {
      throw AppException.forbidden(
        'Портал межведомственного взаимодействия недоступен клиентам API',
      );
    }
    if (principal.developerRepresentative) {
      const appointment = await this.representatives.findActive(
        this.dataSource.manager,
        organizationId,
        principal.userId,
      );
      if (!appointment || !(await appointmentInForce(this.organizations, appointment))) {
        throw AppException.forbidden('Полномочия представителя разработчика отозваны');
      }
      return new InterAgencyActor(organizationId, principal.userId, appointment.id);
    }
    await this.organizations.requireSystem(
      principal,
      OrgSystem.INTER_AGENCY_PORTAL,
      NO_CLIENT_SCOPE,
    );
    return new InterAgencyActor(organizationId, principal.userId, null);
  }

  /** HEAD or ADMIN of the organization (never a representative). */
  async requireManager(principal: AuthPrincipal): Promise<InterAgencyActor> {
    if (principal.developerRepresentative) {
      throw AppException.forbidden('Действие доступно только руководителю или администратору');
    }
    const membership = await this.organizations.requireManager(principal);
    return new InterAgencyActor(membership.organizationId, membership.userId, null);
  }

  /** A platform INTER_AGENCY_OPERATOR; answers the operator's user id. */
  async requireOperator(principal: AuthPrincipal): Promise<string> {
    if (
      principal.kind !== 'user' ||
      !principal.userId ||
      principal.developerRepresentative ||
      !(await this.platformRoles.hasRole(principal.userId, PlatformRole.INTER_AGENCY_OPERATOR))
    ) {
      throw AppException.forbidden('Решение принимает оператор межведомственного взаимодействия');
    }
    return principal.userId;
  }

  /**
   * An operator deciding for their own organization would approve themselves: the decision
   * belongs to an operator from outside (ASVS 5.0 V8.2, separation of duties).
   */
  async requireOutsider(operatorId: string, organizationId: string): Promise<void> {
    if (await this.organizations.isMember(organizationId, operatorId)) {
      throw InterAgencyException.ownOrganizationDecision();
    }
  }

  /** Whether the caller holds INTER_AGENCY_OPERATOR (for the operator's view of pending systems). */
  async isOperator(principal: AuthPrincipal): Promise<boolean> {
    if (principal.kind !== 'user' || !principal.userId || principal.developerRepresentative) {
      return false;
    }
    return this.platformRoles.hasRole(principal.userId, PlatformRole.INTER_AGENCY_OPERATOR);
  }
}
