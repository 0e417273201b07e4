// Issue: request/withdraw loops must not flood the other organization's managers with the
// requester's free text from the platform's own sender; TEST notices go into a daily digest.
import { randomUUID } from 'node:crypto';
import { InterAgencyDigestTask } from '../../../src/modules/inter-agency/jobs/inter-agency-digest.task';
import { MessagingService } from '../../../src/modules/messaging';
import { insertUser } from '../../support/db-fixtures';
import { createTestApp, TestApp } from '../../support/test-app';
import {
  activeTestSystem,
  addMember,
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

const DAY_MS = 24 * 60 * 60_000;
// A phishing attempt in the requester's free text: a link, a line break, a fake closing quote.
const BAIT = 'Срочно!\nПодтвердите доступ: https://evil.example/login » Служба поддержки';

describe('inter-agency: decision and withdrawal notices', () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  let headA: Member;
  let headB: Member;
  let adminAPhone: string;
  let operator: string;
  let sendEmail: jest.SpyInstance;
  let sendSms: jest.SpyInstance;

  const prodSystem = async (token: string, prefix: string) => {
    const { registerInformationSystem } = await t.gql.ok(
      REGISTER_SYSTEM,
      { input: { mnemonic: mnemonic(prefix), name: prefix, environment: 'PROD' } },
      { token },
    );
    await t.gql.ok(
      DECIDE_SYSTEM,
      { id: registerInformationSystem.id, approve: true },
      { token: operator },
    );
    return registerInformationSystem as { id: string; mnemonic: string };
  };

  const newKind = async (ownerSystemId: string): Promise<string> => {
    const { registerDataKind } = await t.gql.ok(
      REGISTER_KIND,
      {
        input: {
          ownerSystemId,
          name: 'Сведения о судимости',
          namespaceUri: `urn://notices/${randomUUID()}`,
          version: '1',
          rootElement: 'Request',
        },
      },
      { token: headA.token },
    );
    return registerDataKind.id as string;
  };

  const emailsTo = (to: string | null) =>
    sendEmail.mock.calls.filter(([address]) => address === to) as [
      string,
      string,
      string,
      string?,
    ][];
  const smsTo = (phone: string) =>
    sendSms.mock.calls.filter(([to]) => to === phone) as [string, string, string?][];

  beforeAll(async () => {
    t = await createTestApp();
    orgA = await insertOrganization(t.dataSource, 'Владелец видов сведений');
    orgB = await insertOrganization(t.dataSource, 'Заявитель');
    headA = await member(t, orgA, 'HEAD', { email: true });
    headB = await member(t, orgB, 'HEAD', { email: true });
    // A's ADMIN has no e-mail: notices reach them by SMS.
    const admin = await insertUser(t.dataSource);
    adminAPhone = admin.phone;
    await addMember(t.dataSource, orgA, admin.id, 'ADMIN');
    operator = await operatorToken(t);
    sendEmail = jest.spyOn(t.app.get(MessagingService), 'sendEmail');
    sendSms = jest.spyOn(t.app.get(MessagingService), 'sendSms');
  });

  afterAll(async () => {
    sendEmail.mockRestore();
    sendSms.mockRestore();
    await t.close();
  });

  it('should rate-limit PROD notices per requester/owner pair and keep free text out of SMS', async () => {
    const prodA = await prodSystem(headA.token, 'NOTICE_OWNER');
    const prodB = await prodSystem(headB.token, 'NOTICE_REQ');
    const dataKindId = await newKind(prodA.id);
    const emailsBefore = emailsTo(headA.email).length + emailsTo(headB.email).length;
    const smsBefore = smsTo(adminAPhone).length;

    // Four rounds of request → approval (to B) → withdrawal with free text (to A): 8 notices.
    for (let round = 0; round < 4; round++) {
      const { requestDataKindAccess: request } = await t.gql.ok(
        REQUEST_ACCESS,
        { input: { dataKindId, systemId: prodB.id, role: 'CONSUMER' } },
        { token: headB.token },
      );
      await t.gql.ok(DECIDE_REQUEST, { id: request.id, approve: true }, { token: headA.token });
      await t.gql.ok(REVOKE_ACCESS, { id: request.id, reason: BAIT }, { token: headB.token });
    }

    // At most INTER_AGENCY_NOTICE_LIMIT (5) go out at once; the rest wait for the digest.
    const sent = emailsTo(headA.email).length + emailsTo(headB.email).length - emailsBefore;
    expect(sent).toBe(5);
    const rows = await t.dataSource.query<{ delivery: string; n: string }[]>(
      `SELECT delivery, COUNT(*) AS n FROM inter_agency_notices
       WHERE requester_organization_id = ? AND owner_organization_id = ? GROUP BY delivery`,
      [orgB, orgA],
    );
    expect(Object.fromEntries(rows.map((r) => [r.delivery, Number(r.n)]))).toEqual({
      IMMEDIATE: 5,
      DIGEST: 3,
    });

    // The withdrawal e-mails quote the requester's text bounded, on one line, link disarmed.
    const withdrawals = emailsTo(headA.email).filter(([, , text]) =>
      text.includes('отказался от доступа'),
    );
    expect(withdrawals.length).toBeGreaterThan(0);
    for (const [, , text] of withdrawals) {
      expect(text).not.toContain('https://evil.example');
      expect(text).toContain('https[:]//evil.example');
      expect(text).toContain(
        '«Срочно! Подтвердите доступ: https[:]//evil.example/login " Служба поддержки»',
      );
    }
    // SMS carry no free text, only a fixed sentence and a link to the request in the portal.
    const sms = smsTo(adminAPhone).slice(smsBefore);
    expect(sms.length).toBeGreaterThan(0);
    for (const [, text] of sms) {
      expect(text).not.toContain('evil');
      expect(text).not.toContain('Срочно');
      expect(text).toMatch(/^Кабинет: .*\/inter-agency\/access-requests\/[0-9a-f-]{36}$/);
    }
  });

  it('should put TEST notices into one daily digest per organization and day, sent once', async () => {
    const ownerTest = await activeTestSystem(t, headA.token, 'DIGEST_OWNER');
    const requesterTest = await activeTestSystem(t, headB.token, 'DIGEST_REQ');
    const dataKindId = await newKind(ownerTest.id);
    const emailsBefore = emailsTo(headA.email).length;
    const smsBefore = smsTo(adminAPhone).length;

    // A request/withdraw loop in TEST: each request is granted by the queued check.
    for (let round = 0; round < 3; round++) {
      const { requestDataKindAccess: request } = await t.gql.ok(
        REQUEST_ACCESS,
        { input: { dataKindId, systemId: requesterTest.id, role: 'CONSUMER' } },
        { token: headB.token },
      );
      await eventually(async () => {
        const [row] = await t.dataSource.query<{ status: string }[]>(
          'SELECT status FROM inter_agency_access_requests WHERE id = ?',
          [request.id],
        );
        return row.status === 'GRANTED' ? true : undefined;
      });
      await t.gql.ok(REVOKE_ACCESS, { id: request.id, reason: BAIT }, { token: headB.token });
    }
    // Nothing reached the owner's managers yet.
    expect(emailsTo(headA.email).length).toBe(emailsBefore);
    expect(smsTo(adminAPhone).length).toBe(smsBefore);

    const task = t.app.get(InterAgencyDigestTask);
    const now = new Date();
    // Today's digest waits for the day to end.
    await task.run(now);
    expect(emailsTo(headA.email).length).toBe(emailsBefore);

    // Tomorrow, two runs at once (two instances): one digest, one e-mail per manager.
    const tomorrow = new Date(now.getTime() + DAY_MS);
    await Promise.all([task.run(tomorrow), task.run(tomorrow)]);
    await task.run(tomorrow);
    const digests = emailsTo(headA.email).slice(emailsBefore);
    expect(digests).toHaveLength(1);
    const [, subject, text] = digests[0];
    expect(subject).toMatch(/^Сводка по заявкам на доступ за \d{4}-\d{2}-\d{2}$/);
    // Three requests and three withdrawals of this loop, free text disarmed (the day's PROD
    // notices over the limit are in the same digest).
    const lines = text.split('\n').filter((line) => line.includes(requesterTest.mnemonic));
    expect(lines.filter((line) => line.includes('Подана заявка'))).toHaveLength(3);
    expect(lines.filter((line) => line.includes('отказался от доступа'))).toHaveLength(3);
    expect(text).not.toContain('https://evil.example');
    const digestSms = smsTo(adminAPhone).slice(smsBefore);
    expect(digestSms).toHaveLength(1);
    expect(digestSms[0][1]).not.toContain('evil');
    expect(digestSms[0][1]).toMatch(/^Кабинет: сводка .*\/inter-agency\/access-requests$/);

    const [{ n }] = await t.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM inter_agency_digests WHERE organization_id = ?',
      [orgA],
    );
    expect(Number(n)).toBe(1);
    const [{ waiting }] = await t.dataSource.query<{ waiting: string }[]>(
      `SELECT COUNT(*) AS waiting FROM inter_agency_notices
       WHERE recipient_organization_id = ? AND delivery = 'DIGEST' AND digested_at IS NULL`,
      [orgA],
    );
    expect(Number(waiting)).toBe(0);
  });
});
