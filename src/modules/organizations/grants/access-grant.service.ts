import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthPrincipal } from '../../../shared/auth';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { AppException } from '../../../shared/errors';
import { OrganizationAccess } from '../access/organization-access.service';
import { AccessGrantEntity } from '../entities/access-grant.entity';
import type { AccessGrant } from '../graphql/access-grant.type';
import { toAccessGrant } from '../graphql/organization.mapper';
import { MembershipStatus } from '../organization.enums';
import type { OrgSystem } from '../organization.enums';
import { OrganizationException } from '../organizations.exception';
import { AccessGrantRepository } from '../repositories/access-grant.repository';
import { MembershipRepository } from '../repositories/membership.repository';

/**
 * Grants («Доверенности и доступы»): HEAD and ADMIN open a system to a member until a date, or
 * revoke it. Expiry is enforced by OrganizationAccess at every request.
 */
@Injectable()
export class AccessGrantService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: OrganizationAccess,
    private readonly memberships: MembershipRepository,
    private readonly grants: AccessGrantRepository,
  ) {}

  /** Gives the grant, or renews the member's grant of that system with the new end. */
  async grant(
    principal: AuthPrincipal,
    membershipId: string,
    system: OrgSystem,
    expiresAt: Date | null,
  ): Promise<AccessGrant> {
    const manager = await this.access.requireManager(principal);
    const now = new Date();
    if (expiresAt && expiresAt.getTime() <= now.getTime()) {
      throw AppException.badInput([
        { field: 'expiresAt', message: 'Дата окончания доступа должна быть в будущем' },
      ]);
    }
    const saved = await this.tx.run(async (em) => {
      const membership = await this.memberships.findById(em, membershipId);
      if (!membership || membership.organizationId !== manager.organizationId) {
        throw OrganizationException.membershipNotFound();
      }
      // Grants are for people who accepted: an invitation opens nothing.
      if (membership.status !== MembershipStatus.ACTIVE) {
        throw OrganizationException.membershipNotActive();
      }
      await this.grants.upsert(
        em,
        Object.assign(new AccessGrantEntity(), {
          id: randomUUID(),
          membershipId,
          system,
          grantedAt: now,
          expiresAt: expiresAt ?? null,
        }),
      );
      return this.grants.findOne(em, membershipId, system);
    });
    if (!saved) {
      throw new Error('The access grant just saved is missing');
    }
    return toAccessGrant(saved);
  }

  async revoke(principal: AuthPrincipal, grantId: string): Promise<void> {
    const manager = await this.access.requireManager(principal);
    await this.tx.run(async (em) => {
      const grant = await this.grants.findById(em, grantId);
      const membership = grant ? await this.memberships.findById(em, grant.membershipId) : null;
      if (!grant || membership?.organizationId !== manager.organizationId) {
        throw OrganizationException.grantNotFound();
      }
      await this.grants.delete(em, grant.id);
    });
  }
}
