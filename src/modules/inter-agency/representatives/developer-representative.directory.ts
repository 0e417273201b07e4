import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { OrganizationAccess } from '../../organizations';
import type { DeveloperRepresentativeEntity } from '../entities/developer-representative.entity';
import { DeveloperRepresentativeRepository } from '../repositories/developer-representative.repository';

/**
 * An appointment counts only while the person is an active member of the developer
 * organization it names: leaving the developer (or being removed from it) ends the rights at
 * once, without anybody revoking the appointment.
 */
export async function appointmentInForce(
  organizations: OrganizationAccess,
  appointment: DeveloperRepresentativeEntity | null,
): Promise<boolean> {
  if (!appointment) {
    return false;
  }
  return organizations.isMember(appointment.developerOrganizationId, appointment.userId);
}

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
    private readonly organizations: OrganizationAccess,
  ) {}

  /** Ids of the organizations the person is a developer representative of now. */
  async organizationsRepresentedBy(userId: string): Promise<string[]> {
    const rows = await this.representatives.findManyActiveByUser(this.dataSource.manager, userId);
    const inForce = await Promise.all(
      rows.map((row) => appointmentInForce(this.organizations, row)),
    );
    return rows.filter((_, i) => inForce[i]).map((row) => row.organizationId);
  }

  async represents(userId: string, organizationId: string): Promise<boolean> {
    const appointment = await this.representatives.findActive(
      this.dataSource.manager,
      organizationId,
      userId,
    );
    return appointmentInForce(this.organizations, appointment);
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
