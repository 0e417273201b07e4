import { Injectable } from '@nestjs/common';
import type { AuthPrincipal } from '../../shared/auth';
import type { UploadPermission } from '../files';
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
  private readonly uploadChecks = new WeakMap<AuthPrincipal, Promise<OrganizationActor>>();

  constructor(private readonly organizations: OrganizationAccess) {}

  forRead(principal: AuthPrincipal): Promise<OrganizationActor> {
    return this.organizations.requireSystem(
      principal,
      OrgSystem.REMOTE_WORK_REPORTS,
      REPORTS_READ_SCOPE,
    );
  }

  forWrite(principal: AuthPrincipal): Promise<OrganizationActor> {
    // The upload middleware checked this very request's caller a moment ago: that answer is
    // taken, once, instead of asking the database a second time.
    const checked = this.uploadChecks.get(principal);
    if (checked) {
      this.uploadChecks.delete(principal);
      return checked;
    }
    return this.organizations.requireSystem(
      principal,
      OrgSystem.REMOTE_WORK_REPORTS,
      REPORTS_WRITE_SCOPE,
    );
  }

  /**
   * {@link forWrite} for the upload middleware, before the body is read. The answer is kept for
   * the submission of the same request (the principal object is the request's own), which takes
   * it once; a principal that never reaches the resolver leaves it to the garbage collector.
   */
  async forUpload(principal: AuthPrincipal): Promise<void> {
    const check = this.organizations.requireSystem(
      principal,
      OrgSystem.REMOTE_WORK_REPORTS,
      REPORTS_WRITE_SCOPE,
    );
    await check;
    this.uploadChecks.set(principal, check);
  }
}

/** The upload middleware's gate (shared/graphql): only those who may submit a report upload. */
@Injectable()
export class ReportUploadPermission implements UploadPermission {
  constructor(private readonly access: ReportAccess) {}

  check(principal: AuthPrincipal): Promise<void> {
    return this.access.forUpload(principal);
  }
}
