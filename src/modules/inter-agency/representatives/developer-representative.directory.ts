import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { DeveloperRepresentativeRepository } from '../repositories/developer-representative.repository';

/**
 * Appointments as other modules need them: the organizations a person represents (for
 * `myOrganizations` with `myRole: null` and for `selectOrganization`, which then issues a token
 * with the `rep` claim), and the per-request check that such a token still counts.
 */
@Injectable()
export class DeveloperRepresentativeDirectory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly representatives: DeveloperRepresentativeRepository,
  ) {}

  /** Ids of the organizations the person is a developer representative of now. */
  async organizationsRepresentedBy(userId: string): Promise<string[]> {
    const rows = await this.representatives.findManyActiveByUser(this.dataSource.manager, userId);
    return rows.map((row) => row.organizationId);
  }

  async represents(userId: string, organizationId: string): Promise<boolean> {
    return !!(await this.representatives.findActive(
      this.dataSource.manager,
      organizationId,
      userId,
    ));
  }

  /** A TokenVerifier check: a representative token counts only while the appointment does. */
  async isActive(principal: AuthPrincipal): Promise<boolean> {
    if (!principal.developerRepresentative) {
      return true;
    }
    if (principal.kind !== 'user' || !principal.userId || !principal.organizationId) {
      return false;
    }
    return this.represents(principal.userId, principal.organizationId);
  }
}
