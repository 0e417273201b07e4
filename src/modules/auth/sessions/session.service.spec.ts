import type { DataSource } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import type { SessionRepository } from '../repositories/session.repository';
import { SessionService } from './session.service';

const user = (userId: string, sessionId: string | null): AuthPrincipal => ({
  kind: 'user',
  subject: userId,
  userId,
  sessionId,
  organizationId: null,
  actingChildId: null,
  developerRepresentative: false,
  scopes: [],
});

describe(`${SessionService.name}.isActive`, () => {
  let findActive: jest.Mock;
  let service: SessionService;

  beforeEach(() => {
    findActive = jest.fn();
    const none = {} as never;
    service = new SessionService(
      { manager: { name: 'manager' } } as unknown as DataSource,
      none,
      { findActive } as unknown as SessionRepository,
      none,
      none,
      none,
      { sessionMaxDays: 30 } as never,
      none,
    );
  });

  it('should check the sessions of requests arriving together with one statement', async () => {
    findActive.mockResolvedValue([
      { id: 's1', userId: 'u1' },
      { id: 's2', userId: 'u2' },
    ]);

    const answers = await Promise.all([
      service.isActive(user('u1', 's1')),
      service.isActive(user('u2', 's2')),
      // In force, but another account's session: refused.
      service.isActive(user('u3', 's1')),
      // Ended or expired: not among the rows.
      service.isActive(user('u4', 's4')),
      service.isActive(user('u1', 's1')),
    ]);

    expect(answers).toEqual([true, true, false, false, true]);
    expect(findActive).toHaveBeenCalledTimes(1);
    const [, ids, now, openedAfter] = findActive.mock.calls[0] as [unknown, string[], Date, Date];
    expect(ids).toEqual(['s1', 's2', 's4']);
    expect(now).toBeInstanceOf(Date);
    // SESSION_MAX_DAYS: sessions opened 30 days or more ago are no longer in force.
    expect(now.getTime() - openedAfter.getTime()).toBe(30 * 24 * 3600 * 1000);
  });

  it('should refuse a person without a session and pass integrator clients, without a statement', async () => {
    const client: AuthPrincipal = { ...user('c1', null), kind: 'client', userId: null };

    expect(await service.isActive(user('u1', null))).toBe(false);
    expect(await service.isActive(client)).toBe(true);
    expect(findActive).not.toHaveBeenCalled();
  });

  it('should fail every check of a statement that fails', async () => {
    findActive.mockRejectedValue(new Error('database away'));

    const results = await Promise.allSettled([
      service.isActive(user('u1', 's1')),
      service.isActive(user('u2', 's2')),
    ]);

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
