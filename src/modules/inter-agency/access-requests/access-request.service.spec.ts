import type { AuthPrincipal } from '../../../shared/auth';
import { InterAgencyActor } from '../access/inter-agency-actor';
import type { AccessRequestEntity } from '../entities/access-request.entity';
import {
  AccessRequestStatus,
  Environment,
  ExchangeRole,
  RegistrationStatus,
} from '../inter-agency.enums';
import { AccessRequestService } from './access-request.service';
import { strictObject } from '../../../../test/support/unit';

// A mock whose every method not stubbed in the test fails loudly.
// Handed where a class is expected: any stubbed object stands for it.
const strict = (stubs: Record<string, unknown>): never => strictObject(stubs) as never;

const em = {};
const principal = { kind: 'user', userId: 'u-owner', organizationId: 'org-owner' } as AuthPrincipal;

function request(overrides: Partial<AccessRequestEntity> = {}): AccessRequestEntity {
  return {
    id: 'r-1',
    dataKindId: 'k-1',
    systemId: 's-consumer',
    organizationId: 'org-consumer',
    ownerOrganizationId: 'org-owner',
    role: ExchangeRole.CONSUMER,
    environment: Environment.TEST,
    status: AccessRequestStatus.PENDING,
    live: 1,
    reason: null,
    createdByUserId: 'u',
    decidedByUserId: null,
    createdAt: new Date(),
    decidedAt: null,
    ...overrides,
  };
}

function build(stubs: {
  request: AccessRequestEntity;
  kindEnvironment?: Environment;
  statuses: Record<string, RegistrationStatus>;
  decide?: jest.Mock;
  revoke?: jest.Mock;
  actor?: InterAgencyActor;
}) {
  let current = stubs.request;
  // The stored row follows the decision, as the guarded UPDATE would leave it.
  const decide =
    stubs.decide ??
    jest.fn((_: unknown, __: string, d: { status: AccessRequestStatus; reason: string | null }) => {
      current = { ...current, status: d.status, reason: d.reason };
      return Promise.resolve(true);
    });
  const revoke =
    stubs.revoke ??
    jest.fn((_: unknown, __: string, r: { reason: string | null; byUserId: string }) => {
      current = {
        ...current,
        status: AccessRequestStatus.REVOKED,
        live: null,
        reason: r.reason,
        decidedByUserId: r.byUserId,
      };
      return Promise.resolve(true);
    });
  const notify = jest.fn().mockResolvedValue(undefined);
  const audit = jest.fn().mockResolvedValue(undefined);
  const service = new AccessRequestService(
    strict({ manager: em }),
    strict({ run: (work: (m: unknown) => Promise<unknown>) => work(em) }),
    strict({
      requirePortal: () =>
        Promise.resolve(stubs.actor ?? new InterAgencyActor('org-owner', 'u-owner', null)),
    }),
    strict({}),
    strict({
      findById: (_: unknown, id: string) =>
        Promise.resolve(
          id in stubs.statuses ? { id, status: stubs.statuses[id], mnemonic: id } : null,
        ),
    }),
    strict({
      findById: () =>
        Promise.resolve({
          id: 'k-1',
          ownerSystemId: 's-owner',
          name: 'Вид',
          environment: stubs.kindEnvironment ?? stubs.request.environment,
        }),
    }),
    strict({ findById: () => Promise.resolve(current), decide, revoke }),
    strict({ byActor: audit, byPlatform: audit }),
    strict({}),
    strict({ send: notify }),
  );
  return { service, decide, revoke, notify, audit };
}

describe(AccessRequestService.name, () => {
  it('should grant a TEST request when both systems are ACTIVE and tell the requester', async () => {
    const { service, decide, notify } = build({
      request: request(),
      statuses: { 's-consumer': RegistrationStatus.ACTIVE, 's-owner': RegistrationStatus.ACTIVE },
    });
    await service.checkTest('r-1');
    expect(decide).toHaveBeenCalledWith(
      em,
      'r-1',
      expect.objectContaining({ status: AccessRequestStatus.GRANTED, byUserId: null }),
    );
    expect(notify).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'r-1' }),
      'org-consumer',
      expect.any(String),
      expect.stringContaining('одобрена'),
    );
  });

  it('should leave a TEST request PENDING while a system is not ACTIVE', async () => {
    const { service, decide, notify } = build({
      request: request(),
      statuses: { 's-consumer': RegistrationStatus.PENDING, 's-owner': RegistrationStatus.ACTIVE },
    });
    await service.checkTest('r-1');
    expect(decide).not.toHaveBeenCalled();
    expect(notify).not.toHaveBeenCalled();
  });

  it('should reject, never grant, a TEST request for a PROD kind', async () => {
    const { service, decide, notify } = build({
      request: request(),
      kindEnvironment: Environment.PROD,
      statuses: { 's-consumer': RegistrationStatus.ACTIVE, 's-owner': RegistrationStatus.ACTIVE },
    });
    await service.checkTest('r-1');
    expect(decide).toHaveBeenCalledTimes(1);
    expect(decide).toHaveBeenCalledWith(
      em,
      'r-1',
      expect.objectContaining({ status: AccessRequestStatus.REJECTED, byUserId: null }),
    );
    expect(notify).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'r-1' }),
      'org-consumer',
      expect.any(String),
      expect.stringContaining('другой среде'),
    );
  });

  it('should never grant a PROD request automatically', async () => {
    const { service, decide } = build({
      request: request({ environment: Environment.PROD }),
      statuses: { 's-consumer': RegistrationStatus.ACTIVE, 's-owner': RegistrationStatus.ACTIVE },
    });
    await service.checkTest('r-1');
    expect(decide).not.toHaveBeenCalled();
  });

  it('should refuse a manual decision of a TEST request and a rejection without a reason', async () => {
    const test = build({ request: request(), statuses: {} });
    await expect(test.service.decide(principal, 'r-1', true)).rejects.toMatchObject({
      code: 'CONFLICT',
      subCode: 'NOT_DECIDABLE',
    });
    const prod = build({ request: request({ environment: Environment.PROD }), statuses: {} });
    await expect(prod.service.decide(principal, 'r-1', false, '  ')).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'REASON_REQUIRED',
    });
    expect(prod.decide).not.toHaveBeenCalled();
  });

  it('should refuse PROD decisions to a developer representative', async () => {
    const { service, decide } = build({
      request: request({ environment: Environment.PROD }),
      statuses: {},
      actor: new InterAgencyActor('org-owner', 'u-rep', 'appointment-1'),
    });
    await expect(service.decide(principal, 'r-1', true)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      subCode: 'REPRESENTATIVE_TEST_ONLY',
    });
    expect(decide).not.toHaveBeenCalled();
  });

  it('should answer NOT_FOUND for a request of unrelated organizations', async () => {
    const { service } = build({
      request: request({ organizationId: 'x', ownerOrganizationId: 'y' }),
      statuses: {},
    });
    await expect(service.decide(principal, 'r-1', true)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  describe('revoke', () => {
    const granted = (overrides: Partial<AccessRequestEntity> = {}) =>
      request({ environment: Environment.PROD, status: AccessRequestStatus.GRANTED, ...overrides });
    const consumer = new InterAgencyActor('org-consumer', 'u-consumer', null);

    it('should revoke a GRANTED access for the owner, audit it and tell the requester', async () => {
      const { service, revoke, audit, notify } = build({ request: granted(), statuses: {} });
      const result = await service.revoke(principal, 'r-1', '  Соглашение расторгнуто ');
      expect(result.status).toBe(AccessRequestStatus.REVOKED);
      expect(revoke).toHaveBeenCalledWith(em, 'r-1', {
        reason: 'Соглашение расторгнуто',
        byUserId: 'u-owner',
        at: expect.any(Date),
      });
      expect(audit).toHaveBeenCalledWith(em, expect.objectContaining({ userId: 'u-owner' }), {
        action: 'ACCESS_REVOKED',
        targetType: 'ACCESS_REQUEST',
        targetId: 'r-1',
        details: { by: 'OWNER', reason: 'Соглашение расторгнуто' },
      });
      expect(notify).toHaveBeenCalledTimes(1);
      expect(notify).toHaveBeenCalledWith(
        expect.objectContaining({ id: 'r-1' }),
        'org-consumer',
        expect.any(String),
        expect.stringMatching(/отозван.*Причина: «Соглашение расторгнуто»\./),
      );
    });

    it('should let the requester give up its own access without a reason and tell the owner', async () => {
      const { service, revoke, audit, notify } = build({
        request: granted(),
        statuses: {},
        actor: consumer,
      });
      await service.revoke(principal, 'r-1');
      expect(revoke).toHaveBeenCalledWith(em, 'r-1', expect.objectContaining({ reason: null }));
      expect(audit).toHaveBeenCalledWith(
        em,
        consumer,
        expect.objectContaining({ details: { by: 'REQUESTER', reason: null } }),
      );
      expect(notify).toHaveBeenCalledWith(
        expect.objectContaining({ id: 'r-1' }),
        'org-owner',
        expect.any(String),
        expect.not.stringContaining('Причина'),
      );
    });

    it.each([
      AccessRequestStatus.PENDING,
      AccessRequestStatus.REJECTED,
      AccessRequestStatus.REVOKED,
    ])('should refuse with NOT_DECIDABLE when the request is %s', async (status) => {
      const { service, revoke, audit, notify } = build({
        request: granted({ status }),
        statuses: {},
      });
      await expect(service.revoke(principal, 'r-1', 'Причина')).rejects.toMatchObject({
        code: 'CONFLICT',
        subCode: 'NOT_DECIDABLE',
      });
      expect(revoke).not.toHaveBeenCalled();
      expect(audit).not.toHaveBeenCalled();
      expect(notify).not.toHaveBeenCalled();
    });

    it('should refuse with NOT_DECIDABLE and write nothing when a concurrent change won', async () => {
      const { service, audit, notify } = build({
        request: granted(),
        statuses: {},
        revoke: jest.fn().mockResolvedValue(false),
      });
      await expect(service.revoke(principal, 'r-1', 'Причина')).rejects.toMatchObject({
        subCode: 'NOT_DECIDABLE',
      });
      expect(audit).not.toHaveBeenCalled();
      expect(notify).not.toHaveBeenCalled();
    });

    it('should require a reason from the owner', async () => {
      const { service, revoke } = build({ request: granted(), statuses: {} });
      await expect(service.revoke(principal, 'r-1', '   ')).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        subCode: 'REASON_REQUIRED',
      });
      expect(revoke).not.toHaveBeenCalled();
    });

    it('should answer NOT_FOUND, as decide does, for a request of unrelated organizations', async () => {
      const { service, revoke } = build({
        request: granted({ organizationId: 'x', ownerOrganizationId: 'y' }),
        statuses: {},
      });
      await expect(service.revoke(principal, 'r-1', 'Причина')).rejects.toMatchObject({
        code: 'NOT_FOUND',
        subCode: 'ACCESS_REQUEST_NOT_FOUND',
      });
      expect(revoke).not.toHaveBeenCalled();
    });

    it('should never grant a REVOKED TEST request again when a stale check runs', async () => {
      const { service, decide, notify } = build({
        request: request({ status: AccessRequestStatus.REVOKED, live: null }),
        statuses: { 's-consumer': RegistrationStatus.ACTIVE, 's-owner': RegistrationStatus.ACTIVE },
      });
      await service.checkTest('r-1');
      expect(decide).not.toHaveBeenCalled();
      expect(notify).not.toHaveBeenCalled();
    });

    it('should refuse PROD to a developer representative and allow TEST', async () => {
      const rep = new InterAgencyActor('org-owner', 'u-rep', 'appointment-1');
      const prod = build({ request: granted(), statuses: {}, actor: rep });
      await expect(prod.service.revoke(principal, 'r-1', 'Причина')).rejects.toMatchObject({
        code: 'FORBIDDEN',
        subCode: 'REPRESENTATIVE_TEST_ONLY',
      });
      expect(prod.revoke).not.toHaveBeenCalled();
      const test = build({
        request: granted({ environment: Environment.TEST }),
        statuses: {},
        actor: rep,
      });
      await expect(test.service.revoke(principal, 'r-1', 'Причина')).resolves.toMatchObject({
        status: AccessRequestStatus.REVOKED,
      });
    });
  });
});
