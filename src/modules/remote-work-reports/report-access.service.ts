import { Injectable } from '@nestjs/common';
import type { AuthPrincipal } from '../../shared/auth';
import { OrganizationAccess, OrgSystem } from '../organizations';
import type { OrganizationActor } from '../organizations';

/** Integrator scopes of this module (API.md, integrators). */
export const REPORTS_READ_SCOPE = 'reports:read';
export const REPORTS_WRITE_SCOPE = 'reports:write';

/**
 * The access rule of every report operation: an organization session with HEAD or ADMIN, an
 * EMPLOYEE with an unexpired REMOTE_WORK_REPORTS grant, or an integrator client with the scope.
 */
@Injectable()
export class ReportAccess {
  constructor(private readonly organizations: OrganizationAccess) {}

  forRead(principal: AuthPrincipal): Promise<OrganizationActor> {
    return this.organizations.requireSystem(
      principal,
      OrgSystem.REMOTE_WORK_REPORTS,
      REPORTS_READ_SCOPE,
    );
  }

  forWrite(principal: AuthPrincipal): Promise<OrganizationActor> {
    return this.organizations.requireSystem(
      principal,
      OrgSystem.REMOTE_WORK_REPORTS,
      REPORTS_WRITE_SCOPE,
    );
  }
}
