import type { LiveAccessEvents } from '../../../core/pubsub/live-access.events';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import type { TransactionRunner } from '../../../core/database/transaction-runner';
import type { DataAccessLogService } from '../../audit';
import type { OrganizationAccess } from '../access/organization-access.service';
import type { MembershipEntity } from '../entities/membership.entity';
import { MemberRole, MembershipStatus } from '../organization.enums';
import type { AccessGrantRepository } from '../repositories/access-grant.repository';
import type { MemberPersonRepository } from '../repositories/member-person.repository';
import type { MembershipRepository } from '../repositories/membership.repository';
import type { OrganizationRepository } from '../repositories/organization.repository';
import { MembershipService } from './membership.service';
import { strictFn as strict } from '../../../../test/support/unit';

const em = { tx: true } as unknown as EntityManager;
const PRINCIPAL = { kind: 'user', userId: 'u-head', organizationId: 'org-a' } as AuthPrincipal;

function membership(values: Partial<MembershipEntity>): MembershipEntity {
  return {
    id: 'm1',
    organizationId: 'org-a',
    userId: 'u1',
    role: MemberRole.EMPLOYEE,
    personnelNumber: null,
    status: MembershipStatus.ACTIVE,
    invitedAs: null,
    invitationExpiresAt: null,
    createdAt: new Date(),
    ...values,
  };
}

describe(MembershipService.name, () => {
  let access: { requireManager: jest.Mock };
  let memberships: {
    findHeadsForUpdate: jest.Mock;
    findById: jest.Mock;
    delete: jest.Mock;
  };
  let grants: { deleteByMembership: jest.Mock };
  let liveAccess: { membershipEnded: jest.Mock };
  let service: MembershipService;
  const head = membership({ id: 'm-head', userId: 'u-head', role: MemberRole.HEAD });

  beforeEach(() => {
    access = { requireManager: jest.fn().mockResolvedValue(head) };
    memberships = { findHeadsForUpdate: strict(), findById: strict(), delete: strict() };
    grants = { deleteByMembership: strict() };
    liveAccess = { membershipEnded: jest.fn().mockResolvedValue(undefined) };
    service = new MembershipService(
      { manager: em } as unknown as DataSource,
      { run: (work: (m: EntityManager) => Promise<unknown>) => work(em) } as TransactionRunner,
      access as unknown as OrganizationAccess,
      {} as OrganizationRepository,
      memberships as unknown as MembershipRepository,
      grants as unknown as AccessGrantRepository,
      {} as MemberPersonRepository,
      {} as DataAccessLogService,
      liveAccess as unknown as LiveAccessEvents,
    );
  });

  it('should refuse to remove the last HEAD', async () => {
    memberships.findHeadsForUpdate.mockResolvedValue([head]);
    memberships.findById.mockResolvedValue(head);

    await expect(service.remove(PRINCIPAL, head.id)).rejects.toMatchObject({
      code: 'CONFLICT',
      subCode: 'LAST_HEAD',
    });
    expect(liveAccess.membershipEnded).not.toHaveBeenCalled();
  });

  it('should answer NOT_FOUND for a membership of another organization', async () => {
    memberships.findHeadsForUpdate.mockResolvedValue([head]);
    memberships.findById.mockResolvedValue(membership({ organizationId: 'org-b' }));

    await expect(service.remove(PRINCIPAL, 'm1')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      subCode: 'MEMBERSHIP_NOT_FOUND',
    });
  });

  it('should let only a HEAD remove a HEAD', async () => {
    access.requireManager.mockResolvedValue(membership({ id: 'm-admin', role: MemberRole.ADMIN }));
    const other = membership({ id: 'm-head-2', role: MemberRole.HEAD });
    memberships.findHeadsForUpdate.mockResolvedValue([head, other]);
    memberships.findById.mockResolvedValue(other);

    await expect(service.remove(PRINCIPAL, other.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      subCode: 'HEAD_ONLY',
    });
  });

  it('should remove a member with the grants when the caller manages the organization', async () => {
    const employee = membership({});
    memberships.findHeadsForUpdate.mockResolvedValue([head]);
    memberships.findById.mockResolvedValue(employee);
    grants.deleteByMembership.mockResolvedValue(undefined);
    memberships.delete.mockResolvedValue(undefined);

    await service.remove(PRINCIPAL, employee.id);

    expect(grants.deleteByMembership).toHaveBeenCalledWith(em, employee.id);
    expect(memberships.delete).toHaveBeenCalledWith(em, employee.id);
    expect(liveAccess.membershipEnded).toHaveBeenCalledWith(
      employee.userId,
      employee.organizationId,
    );
  });

  it('should not count an invited HEAD: the last ACTIVE HEAD stays', async () => {
    const invited = membership({
      id: 'm-head-2',
      userId: 'u2',
      role: MemberRole.HEAD,
      status: MembershipStatus.INVITED,
    });
    memberships.findHeadsForUpdate.mockResolvedValue([head, invited]);
    memberships.findById.mockResolvedValue(head);

    await expect(service.remove(PRINCIPAL, head.id)).rejects.toMatchObject({
      code: 'CONFLICT',
      subCode: 'LAST_HEAD',
    });
  });

  it('should remove an invited HEAD while the only ACTIVE HEAD stays', async () => {
    const invited = membership({
      id: 'm-head-2',
      userId: 'u2',
      role: MemberRole.HEAD,
      status: MembershipStatus.INVITED,
    });
    memberships.findHeadsForUpdate.mockResolvedValue([head, invited]);
    memberships.findById.mockResolvedValue(invited);
    grants.deleteByMembership.mockResolvedValue(undefined);
    memberships.delete.mockResolvedValue(undefined);

    await service.remove(PRINCIPAL, invited.id);

    expect(memberships.delete).toHaveBeenCalledWith(em, invited.id);
  });
});
