import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { EmployeeAccount } from '../../auth';
import { MembershipStatus } from '../organization.enums';
import { OrganizationException } from '../organizations.exception';
import { MembershipRepository } from '../repositories/membership.repository';
import { OrganizationRepository } from '../repositories/organization.repository';

/**
 * What organizations tells auth about its members: whom an employee login names, and whether
 * an account may be deleted (never a sole HEAD).
 */
@Injectable()
export class EmployeeLookupService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  /** The ACTIVE membership behind `<organization INN>/<personnel number>` (invited: nobody). */
  async find(inn: string, personnelNumber: string): Promise<EmployeeAccount | null> {
    const em = this.dataSource.manager;
    const organization = await this.organizations.findByInn(em, inn);
    const membership = organization
      ? await this.memberships.findByPersonnelNumber(em, organization.id, personnelNumber)
      : null;
    return membership?.status === MembershipStatus.ACTIVE
      ? { userId: membership.userId, organizationId: membership.organizationId }
      : null;
  }

  /**
   * A sole HEAD hands the organization over before deleting the account (API.md). Runs in the
   * deletion's transaction and locks the HEADs it reads until the deletion commits.
   */
  async assertDeletable(em: EntityManager, userId: string): Promise<void> {
    const soleHeadOf = await this.memberships.findSoleHeadshipsForUpdate(em, userId);
    if (soleHeadOf.length > 0) {
      throw OrganizationException.soleHead();
    }
  }

  async purge(em: EntityManager, userId: string): Promise<void> {
    await this.memberships.deleteByUser(em, userId);
  }
}
