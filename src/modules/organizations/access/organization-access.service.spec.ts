import type { DataSource } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { OrgSystem } from '../organization.enums';
import { OrganizationAccess } from './organization-access.service';

const member = (userId: string, organizationId: string): AuthPrincipal => ({
  kind: 'user',
  subject: userId,
  userId,
  sessionId: 's',
  organizationId,
  actingChildId: null,
  developerRepresentative: false,
  scopes: [],
});

describe(`${OrganizationAccess.name} membership look-ups`, () => {
  let query: jest.Mock;
  let access: OrganizationAccess;

  beforeEach(() => {
    query = jest.fn();
    access = new OrganizationAccess({ query } as unknown as DataSource);
  });

  it('should look up the members of requests arriving together with one statement', async () => {
    query.mockResolvedValue([
      { id: 'm1', organizationId: 'o1', userId: 'u1', role: 'HEAD' },
      // The column compares case-insensitively; so does the answer.
      { id: 'm2', organizationId: 'O2', userId: 'u2', role: 'ADMIN' },
    ]);

    const results = await Promise.allSettled([
      access.requireSystem(member('u1', 'o1'), OrgSystem.REMOTE_WORK_REPORTS, 'reports:write'),
      access.requireSystem(member('u2', 'o2'), OrgSystem.REMOTE_WORK_REPORTS, 'reports:write'),
      // A member of o1 only: refused for o2.
      access.requireSystem(member('u1', 'o2'), OrgSystem.REMOTE_WORK_REPORTS, 'reports:write'),
    ]);

    expect(results[0]).toMatchObject({
      status: 'fulfilled',
      value: { organizationId: 'o1', membership: { id: 'm1' } },
    });
    expect(results[1]).toMatchObject({ status: 'fulfilled', value: { membership: { id: 'm2' } } });
    expect(results[2]).toMatchObject({ status: 'rejected', reason: { code: 'FORBIDDEN' } });
    expect(query).toHaveBeenCalledTimes(1);
    const [sql, parameters] = query.mock.calls[0] as [string, string[]];
    expect(sql).toContain('(organization_id, user_id) IN ((?, ?), (?, ?), (?, ?))');
    // Only ACTIVE memberships count: an invitation opens nothing.
    expect(sql).toContain('status = ?');
    expect(parameters).toEqual(['ACTIVE', 'o1', 'u1', 'o2', 'u2', 'o2', 'u1']);
  });
});
