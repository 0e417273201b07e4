import { randomUUID } from 'node:crypto';
import { InterAgencyDigestTask } from '../../../src/modules/inter-agency/jobs/inter-agency-digest.task';
import { MessagingService } from '../../../src/modules/messaging';
import { insertUser } from '../../support/db-fixtures';
import { createTestApp, TestApp } from '../../support/test-app';
import { signTestToken } from '../../support/tokens';
import {
  ACCESS_REQUESTS,
  addMember,
  activeTestSystem,
  DECIDE_REQUEST,
  DECIDE_SYSTEM,
  eventually,
  insertOrganization,
  member,
  Member,
  mnemonic,
  operatorToken,
  REGISTER_KIND,
  REGISTER_SYSTEM,
  REQUEST_ACCESS,
  REVOKE_ACCESS,
} from './inter-agency-e2e.helpers';

interface StoredRequest {
  status: string;
  live: number | null;
  reason: string | null;
  decided_by_user_id: string | null;
}

interface AuditRow {
  organization_id: string;
  actor_user_id: string;
  as_representative: number;
  details: string | Record<string, unknown> | null;
}

describe('inter-agency: revoking a granted access', () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  let headA: Member;
  let headB: Member;
  let headC: Member;
  let ownerSystem: { id: string; mnemonic: string };
  let prodA: { id: string; mnemonic: string };
  let prodB: { id: string; mnemonic: string };
  let sendEmail: jest.SpyInstance;

  const stored = async (id: string): Promise<StoredRequest> => {
    const [row] = await t.dataSource.query<StoredRequest[]>(
      'SELECT status, live, reason, decided_by_user_id FROM inter_agency_access_requests WHERE id = ?',
      [id],
    );
    return row;
  };

  const revocations = (id: string): Promise<AuditRow[]> =>
    t.dataSource.query<AuditRow[]>(
      `SELECT organization_id, actor_user_id, as_representative, details
         FROM inter_agency_audit_log WHERE target_id = ? AND action = 'ACCESS_REVOKED'`,
      [id],
    );

  const details = (row: AuditRow) =>
    typeof row.details === 'string' ? (JSON.parse(row.details) as unknown) : row.details;

  const listed = async (token: string, status: string): Promise<string[]> => {
    const { accessRequests } = await t.gql.ok(ACCESS_REQUESTS, { status }, { token });
    return (accessRequests as { id: string }[]).map((r) => r.id);
  };

  /** A new kind of data of one of A's systems (PROD unless told). */
  const newKind = async (ownerSystemId = prodA.id): Promise<string> => {
    const { registerDataKind } = await t.gql.ok(
      REGISTER_KIND,
      {
        input: {
          ownerSystemId,
          name: 'Сведения о доходах',
          namespaceUri: `urn://revocation/${randomUUID()}`,
          version: '1.0',
          rootElement: 'IncomeRequest',
        },
      },
      { token: headA.token },
    );
    return registerDataKind.id as string;
  };

  /** A PENDING PROD request of B's system for a new kind of A. */
  const pendingProd = async (): Promise<string> => {
    const { requestDataKindAccess } = await t.gql.ok(
      REQUEST_ACCESS,
      { input: { dataKindId: await newKind(), systemId: prodB.id, role: 'CONSUMER' } },
      { token: headB.token },
    );
    return requestDataKindAccess.id as string;
  };

  /** A PROD request of B granted by A. */
  const grantedProd = async (): Promise<string> => {
    const id = await pendingProd();
    const { decideAccessRequest } = await t.gql.ok(
      DECIDE_REQUEST,
      { id, approve: true },
      { token: headA.token },
    );
    expect(decideAccessRequest.status).toBe('GRANTED');
    return id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    orgA = await insertOrganization(t.dataSource, 'Росреестр (тест)');
    orgB = await insertOrganization(t.dataSource, 'Соцфонд (тест)');
    const orgC = await insertOrganization(t.dataSource, 'Посторонняя организация (тест)');
    headA = await member(t, orgA, 'HEAD', { email: true });
    headB = await member(t, orgB, 'HEAD', { email: true });
    headC = await member(t, orgC, 'HEAD');
    ownerSystem = await activeTestSystem(t, headA.token, 'RR');
    const operator = await operatorToken(t);
    const prodSystem = async (token: string, prefix: string, name: string) => {
      const { registerInformationSystem } = await t.gql.ok(
        REGISTER_SYSTEM,
        { input: { mnemonic: mnemonic(prefix), name, environment: 'PROD' } },
        { token },
      );
      await t.gql.ok(
        DECIDE_SYSTEM,
        { id: registerInformationSystem.id, approve: true },
        { token: operator },
      );
      return registerInformationSystem as { id: string; mnemonic: string };
    };
    prodA = await prodSystem(headA.token, 'RR_PROD', 'Росреестр прод');
    prodB = await prodSystem(headB.token, 'SF_PROD', 'Соцфонд прод');
    // Calls through: the messages still go to the real queue.
    sendEmail = jest.spyOn(t.app.get(MessagingService), 'sendEmail');
  });

  afterAll(async () => {
    sendEmail.mockRestore();
    await t.close();
  });

  it('should let the owner revoke a granted PROD access; the requester may ask again', async () => {
    const id = await grantedProd();
    expect(await listed(headB.token, 'GRANTED')).toContain(id);
    expect(await listed(headA.token, 'GRANTED')).toContain(id);

    const reason = 'Соглашение об информационном обмене расторгнуто';
    const { revokeDataKindAccess: revoked } = await t.gql.ok(
      REVOKE_ACCESS,
      { id, reason: `  ${reason} ` },
      { token: headA.token },
    );
    expect(revoked).toMatchObject({ id, status: 'REVOKED', reason });
    expect(revoked.decidedAt).not.toBeNull();

    // No longer granted anywhere either party looks.
    for (const token of [headA.token, headB.token]) {
      expect(await listed(token, 'GRANTED')).not.toContain(id);
      expect(await listed(token, 'REVOKED')).toContain(id);
    }
    expect(await stored(id)).toEqual({
      status: 'REVOKED',
      live: null,
      reason,
      decided_by_user_id: headA.userId,
    });
    const audit = await revocations(id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      organization_id: orgA,
      actor_user_id: headA.userId,
      as_representative: 0,
    });
    expect(details(audit[0])).toEqual({ by: 'OWNER', reason });
    expect(
      sendEmail.mock.calls.some(
        ([to, , text]) =>
          to === headB.email &&
          /Доступ отозван/.test(text) &&
          text.includes(prodB.mnemonic) &&
          text.includes(reason),
      ),
    ).toBe(true);

    // Revoked once: a second revocation is refused and writes nothing.
    const again = await t.gql.request(REVOKE_ACCESS, { id, reason }, { token: headA.token });
    expect(again.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      subCode: 'NOT_DECIDABLE',
    });
    expect(await revocations(id)).toHaveLength(1);

    // The live marker is cleared: the same system may ask for the same kind again.
    const [{ data_kind_id: dataKindId }] = await t.dataSource.query<{ data_kind_id: string }[]>(
      'SELECT data_kind_id FROM inter_agency_access_requests WHERE id = ?',
      [id],
    );
    const { requestDataKindAccess: renewed } = await t.gql.ok(
      REQUEST_ACCESS,
      { input: { dataKindId, systemId: prodB.id, role: 'CONSUMER' } },
      { token: headB.token },
    );
    expect(renewed).toMatchObject({ status: 'PENDING', environment: 'PROD' });
    expect(renewed.id).not.toBe(id);
  });

  it('should have exactly one winner among concurrent revocations', async () => {
    const id = await grantedProd();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.gql.request(
          REVOKE_ACCESS,
          { id, reason: 'Компрометация системы' },
          { token: headA.token },
        ),
      ),
    );
    const won = results.filter((r) => !r.errors);
    expect(won).toHaveLength(1);
    for (const lost of results.filter((r) => r.errors)) {
      expect(lost.errors?.[0].extensions?.subCode).toBe('NOT_DECIDABLE');
    }
    expect(await revocations(id)).toHaveLength(1);
    expect((await stored(id)).status).toBe('REVOKED');
  });

  it('should let the requester give up its own TEST access and tell the owner in the digest', async () => {
    const dataKindId = await newKind(ownerSystem.id);
    const testB = await activeTestSystem(t, headB.token, 'SF');
    const input = { dataKindId, systemId: testB.id, role: 'PROVIDER' };
    const { requestDataKindAccess: request } = await t.gql.ok(
      REQUEST_ACCESS,
      { input },
      { token: headB.token },
    );
    await eventually(async () =>
      (await listed(headB.token, 'GRANTED')).includes(request.id) ? true : undefined,
    );

    const { revokeDataKindAccess: revoked } = await t.gql.ok(
      REVOKE_ACCESS,
      { id: request.id },
      { token: headB.token },
    );
    expect(revoked).toMatchObject({ status: 'REVOKED', reason: null });
    expect(await listed(headA.token, 'GRANTED')).not.toContain(request.id);
    const audit = await revocations(request.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ organization_id: orgB, actor_user_id: headB.userId });
    expect(details(audit[0])).toEqual({ by: 'REQUESTER', reason: null });
    const withdrawalMail = () =>
      sendEmail.mock.calls.some(
        ([to, , text]) =>
          to === headA.email && /отказался от доступа/.test(text) && text.includes(testB.mnemonic),
      );
    expect(withdrawalMail()).toBe(false);
    await t.app.get(InterAgencyDigestTask).run(new Date(Date.now() + 24 * 60 * 60_000));
    expect(withdrawalMail()).toBe(true);

    // A new TEST request is granted automatically again; the revoked one stays REVOKED.
    const { requestDataKindAccess: renewed } = await t.gql.ok(
      REQUEST_ACCESS,
      { input },
      { token: headB.token },
    );
    await eventually(async () =>
      (await listed(headB.token, 'GRANTED')).includes(renewed.id) ? true : undefined,
    );
    expect((await stored(request.id)).status).toBe('REVOKED');
  });

  it('should refuse whoever may not revoke, with clear codes, and write nothing', async () => {
    const id = await grantedProd();
    const before = await stored(id);
    expect(before).toMatchObject({ status: 'GRANTED', live: 1 });
    const revoke = (token?: string, variables: Record<string, unknown> = {}) =>
      t.gql.request(REVOKE_ACCESS, { id, reason: 'Причина', ...variables }, { token });

    const anonymous = await revoke();
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    // Another organization cannot tell the request from an unknown id.
    const foreign = await revoke(headC.token);
    const unknown = await revoke(headC.token, { id: randomUUID() });
    expect(foreign.errors?.[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      subCode: 'ACCESS_REQUEST_NOT_FOUND',
    });
    expect(foreign.errors?.[0]).toEqual({ ...unknown.errors?.[0] });

    // The owner's employee without the portal grant, and its developer representative on PROD.
    const employee = await member(t, orgA, 'EMPLOYEE');
    const byEmployee = await revoke(employee.token);
    expect(byEmployee.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { id: repUserId } = await insertUser(t.dataSource);
    // A representative counts only while a member of the developer organization.
    await addMember(t.dataSource, orgB, repUserId, 'EMPLOYEE');
    await t.dataSource.query(
      `INSERT INTO developer_representatives
         (id, organization_id, user_id, developer_organization_id, active, appointed_by_user_id, created_at)
       VALUES (?, ?, ?, ?, 1, ?, NOW(3))`,
      [randomUUID(), orgA, repUserId, orgB, headA.userId],
    );
    const rep = await signTestToken(t.app, { sub: repUserId, org: orgA, rep: true });
    const byRep = await revoke(rep);
    expect(byRep.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      subCode: 'REPRESENTATIVE_TEST_ONLY',
    });

    // The owner must say why; the id must be an id.
    const noReason = await revoke(headA.token, { reason: '  ' });
    expect(noReason.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'REASON_REQUIRED',
    });
    const badId = await revoke(headA.token, { id: 'not-an-id' });
    expect(badId.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    expect(await stored(id)).toEqual(before);
    expect(await revocations(id)).toEqual([]);
    expect(await listed(headB.token, 'GRANTED')).toContain(id);
  });

  it('should refuse a request that is not GRANTED and leave it as it was', async () => {
    const pending = await pendingProd();
    const rejected = await pendingProd();
    await t.gql.ok(
      DECIDE_REQUEST,
      { id: rejected, approve: false, reason: 'Нет соглашения' },
      { token: headA.token },
    );
    for (const [id, status] of [
      [pending, 'PENDING'],
      [rejected, 'REJECTED'],
    ]) {
      const before = await stored(id);
      expect(before.status).toBe(status);
      for (const token of [headA.token, headB.token]) {
        const res = await t.gql.request(REVOKE_ACCESS, { id, reason: 'Причина' }, { token });
        expect(res.errors?.[0].extensions).toMatchObject({
          code: 'CONFLICT',
          subCode: 'NOT_DECIDABLE',
        });
      }
      expect(await stored(id)).toEqual(before);
      expect(await revocations(id)).toEqual([]);
    }
  });
});
