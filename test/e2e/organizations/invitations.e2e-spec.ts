import { randomPhone } from '../../support/db-fixtures';
import { codeIn } from '../../support/sms-gateway';
import { fixtureBytes, uniqueWeek, uploadReport } from '../../support/report-fixtures';
import { errorOf, registerAccount, type Account } from '../auth/auth-e2e.helpers';
import {
  ACCEPT_MEMBERSHIP,
  ADD_EMPLOYEE,
  addAndAccept,
  DECLINE_MEMBERSHIP,
  GRANT_ACCESS,
  headOfNewOrganization,
  LOGIN_WITH_CODE,
  MEMBERS,
  memberNodes,
  MY_INVITATIONS,
  MY_ORGANIZATIONS,
  type MemberNode,
  type OrganizationsHarness,
  personWithVerifiedSnils,
  REMOVE_EMPLOYEE,
  REQUEST_CODE,
  SELECT_ORGANIZATION,
  startOrganizationsApp,
} from './organizations-e2e.helpers';

type Head = Awaited<ReturnType<typeof headOfNewOrganization>>;

const DAILY_LIMIT = 4;
const ACCESS_LOG = `{ myDataAccessLog(first: 50) {
  edges { node { actor action fields purpose } } } }`;
const INBOX = '{ notifications(first: 10) { edges { node { category title body } } } }';
const REPORTS = '{ remoteWorkReports(first: 5) { totalCount } }';
const PASSWORD_LOGIN = `mutation($login: String!, $password: String!) {
  login(login: $login, password: $password) { accessToken }
}`;

/** Russian text for the person (clients branch on subCode, people read this). */
const RUSSIAN = /[а-яё]/i;

/**
 * addEmployee invites: the organization sees what it typed (masked) and the status until the
 * person accepts; an invited person reaches nothing of the organization.
 */
describe('organizations: invitations', () => {
  let h: OrganizationsHarness;

  beforeAll(async () => {
    h = await startOrganizationsApp({ ORGANIZATION_INVITATIONS_PER_DAY: String(DAILY_LIMIT) });
  });

  afterAll(async () => {
    await h.close();
  });

  async function invite(
    head: Head,
    input: Record<string, unknown>,
  ): Promise<{ res: Awaited<ReturnType<typeof h.gql.request>>; node: MemberNode | undefined }> {
    const res = await h.gql.request(ADD_EMPLOYEE, { input }, { token: head.token });
    return { res, node: res.data?.addEmployee as MemberNode | undefined };
  }

  async function membershipRows(userId: string) {
    return h.t.dataSource.query<{ status: string; organization_id: string }[]>(
      'SELECT status, organization_id FROM memberships WHERE user_id = ?',
      [userId],
    );
  }

  async function accessLog(account: { accessToken: string }) {
    const log = await h.gql.ok(ACCESS_LOG, {}, { token: account.accessToken });
    return (log.myDataAccessLog.edges as { node: Record<string, unknown> }[]).map((e) => e.node);
  }

  it('should hide the name until the person accepts, and tell the person in-app and by SMS', async () => {
    const head = await headOfNewOrganization(h);
    const person = await registerAccount(h);
    const { res, node } = await invite(head, {
      phone: person.phone,
      role: 'EMPLOYEE',
      personnelNumber: 'ПР-1',
    });
    expect(res.errors).toBeUndefined();
    const masked = `+7 *** ***-${person.phone.slice(-4, -2)}-${person.phone.slice(-2)}`;
    expect(node).toMatchObject({
      status: 'INVITED',
      invitedAs: masked,
      personnelNumber: 'ПР-1',
      person: { id: node!.id, lastName: '', firstName: '', middleName: null },
      grants: [],
    });
    const expiresIn = Date.parse(node!.invitationExpiresAt!) - Date.parse(node!.createdAt);
    expect(expiresIn).toBe(14 * 24 * 3600 * 1000);
    // Nothing of the account leaks anywhere in the answer or the list.
    const listed = await h.gql.ok(MEMBERS, { first: 100 }, { token: head.token });
    for (const text of [JSON.stringify(res.data), JSON.stringify(listed)]) {
      expect(text).not.toContain(person.userId);
      expect(text).not.toContain(person.lastName);
      expect(text).not.toContain(person.firstName);
      expect(text).not.toContain(person.phone);
    }
    const row = memberNodes(listed.organizationMembers).find((n) => n.id === node!.id);
    expect(row).toMatchObject({ status: 'INVITED', invitedAs: masked, person: { lastName: '' } });

    // The person: an SMS, a notice in the inbox, the invitation to answer, the look-up in the log
    // and no READ of the names while invited.
    const sms = await h.sms.waitForMessage(person.phone, (text) => text.includes('приглашает'));
    expect(sms.text).toContain(head.entity.name);
    const inbox = await h.gql.ok(INBOX, {}, { token: person.accessToken });
    expect(inbox.notifications.edges.map((e: { node: unknown }) => e.node)).toContainEqual({
      category: 'ORGANIZATIONS',
      title: expect.stringContaining(head.entity.name),
      body: expect.stringMatching(RUSSIAN),
    });
    const mine = await h.gql.ok(MY_INVITATIONS, {}, { token: person.accessToken });
    expect(mine.myInvitations).toEqual([
      expect.objectContaining({
        id: node!.id,
        status: 'INVITED',
        organization: { id: head.organizationId, fullName: head.entity.name, myRole: null },
      }),
    ]);
    const invitedLog = await accessLog(person);
    expect(invitedLog).toContainEqual({
      actor: expect.stringContaining(head.entity.name),
      action: 'CHECK',
      fields: ['phone'],
      purpose: 'Приглашение в организацию',
    });
    // (The person's own reads, «Вы», are there too; none is the organization's.)
    expect(
      invitedLog.filter((r) => r.action === 'READ' && String(r.actor).includes(head.entity.name)),
    ).toEqual([]);

    // Accepted: ACTIVE, the names show, and the organization's read is in the log.
    const accepted = await h.gql.ok(
      ACCEPT_MEMBERSHIP,
      { id: node!.id },
      { token: person.accessToken },
    );
    expect(accepted.acceptMembership).toMatchObject({
      status: 'ACTIVE',
      invitationExpiresAt: null,
      person: { id: person.userId, lastName: person.lastName },
    });
    const after = await h.gql.ok(MEMBERS, { first: 100 }, { token: head.token });
    expect(memberNodes(after.organizationMembers).find((n) => n.id === node!.id)).toMatchObject({
      status: 'ACTIVE',
      person: { id: person.userId, lastName: person.lastName, firstName: person.firstName },
    });
    expect(await accessLog(person)).toContainEqual(
      expect.objectContaining({
        actor: expect.stringContaining(head.entity.name),
        action: 'READ',
        fields: ['lastName', 'firstName', 'middleName'],
      }),
    );
    expect(
      (await h.gql.ok(MY_INVITATIONS, {}, { token: person.accessToken })).myInvitations,
    ).toEqual([]);
  });

  it('should record an invitation by SNILS as a check of the SNILS', async () => {
    const head = await headOfNewOrganization(h);
    const person = await personWithVerifiedSnils(h);
    const { node } = await invite(head, { snils: person.snilsDigits, role: 'ADMIN' });
    expect(node).toMatchObject({
      status: 'INVITED',
      invitedAs: `***-***-*** ${person.snilsDigits.slice(-2)}`,
    });
    expect(await accessLog(person)).toContainEqual(
      expect.objectContaining({ action: 'CHECK', fields: ['snils'] }),
    );
  });

  it('should give an invited person no employee login, no organization context and no grants', async () => {
    const head = await headOfNewOrganization(h);
    const person = await registerAccount(h);
    const number = 'ПР-2';
    const { node } = await invite(head, {
      phone: person.phone,
      role: 'EMPLOYEE',
      personnelNumber: number,
    });
    const login = `${head.entity.inn}/${number}`;

    // The organization is neither listed nor selectable.
    const orgs = await h.gql.ok(MY_ORGANIZATIONS, {}, { token: person.accessToken });
    expect(orgs.myOrganizations).toEqual([]);
    const selected = await h.gql.request(
      SELECT_ORGANIZATION,
      { id: head.organizationId },
      { token: person.accessToken },
    );
    expect(errorOf(selected)).toMatchObject({
      code: 'NOT_FOUND',
      subCode: 'ORGANIZATION_NOT_FOUND',
    });

    // Employee code: nothing sent, any code refused; the password login is refused too.
    expect((await h.gql.ok(REQUEST_CODE, { login })).requestLoginCode).toBe(true);
    const byCode = await h.gql.request(LOGIN_WITH_CODE, { login, code: '123456' });
    expect(errorOf(byCode).code).toBe('UNAUTHENTICATED');
    const byPassword = await h.gql.request(PASSWORD_LOGIN, { login, password: person.password });
    expect(errorOf(byPassword).code).toBe('UNAUTHENTICATED');

    // No grant to an invitation, and nothing written.
    const granted = await h.gql.request(
      GRANT_ACCESS,
      { id: node!.id, system: 'REMOTE_WORK_REPORTS' },
      { token: head.token },
    );
    const refusal = errorOf(granted);
    expect(refusal).toMatchObject({ code: 'CONFLICT', subCode: 'MEMBERSHIP_NOT_ACTIVE' });
    expect(refusal.message).toMatch(RUSSIAN);
    const [grants] = await h.t.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM access_grants WHERE membership_id = ?',
      [node!.id],
    );
    expect(Number(grants.n)).toBe(0);

    // Accepted, the same login works: the code requested before the answer was never sent.
    await h.gql.ok(ACCEPT_MEMBERSHIP, { id: node!.id }, { token: person.accessToken });
    expect((await h.gql.ok(REQUEST_CODE, { login })).requestLoginCode).toBe(true);
    const sms = await h.sms.waitForMessage(person.phone, (text) => text.includes('входа'));
    const signedIn = await h.gql.request(LOGIN_WITH_CODE, { login, code: codeIn(sms.text) });
    expect(signedIn.errors).toBeUndefined();
    expect(h.sms.messagesTo(person.phone).filter((t) => t.includes('входа'))).toHaveLength(1);
  });

  it('should refuse reports and employee sign-in to a member removed and invited again', async () => {
    const head = await headOfNewOrganization(h);
    const person = await registerAccount(h);
    const number = 'ПР-3';
    const member = await addAndAccept(
      h,
      head.token,
      { phone: person.phone, role: 'EMPLOYEE', personnelNumber: number },
      person.accessToken,
    );
    await h.gql.ok(
      GRANT_ACCESS,
      { id: member.id, system: 'REMOTE_WORK_REPORTS' },
      { token: head.token },
    );
    const login = `${head.entity.inn}/${number}`;
    const token = (await h.gql.ok(PASSWORD_LOGIN, { login, password: person.password })).login
      .accessToken as string;
    expect((await h.gql.request(REPORTS, {}, { token })).errors).toBeUndefined();

    // Removed and invited again: until the new invitation is accepted the old session reaches
    // nothing and the login signs nobody in.
    await h.gql.ok(REMOVE_EMPLOYEE, { id: member.id }, { token: head.token });
    // Invited back as an ADMIN, who needs no grant: only the status stands in the way.
    await invite(head, { phone: person.phone, role: 'ADMIN', personnelNumber: number });
    expect(errorOf(await h.gql.request(REPORTS, {}, { token })).code).toBe('FORBIDDEN');
    const upload = await uploadReport(h.t, token, fixtureBytes(), { week: uniqueWeek() });
    expect(errorOf(upload).code).toBe('FORBIDDEN');
    const [reports] = await h.t.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM remote_work_reports WHERE organization_id = ?',
      [head.organizationId],
    );
    expect(Number(reports.n)).toBe(0);
    const again = await h.gql.request(PASSWORD_LOGIN, { login, password: person.password });
    expect(errorOf(again).code).toBe('UNAUTHENTICATED');
  });

  it('should accept only the person’s own invitation, once, and let them decline', async () => {
    const head = await headOfNewOrganization(h);
    const person = await registerAccount(h);
    const stranger = await registerAccount(h);
    const { node } = await invite(head, { phone: person.phone, role: 'EMPLOYEE' });

    const byStranger = await h.gql.request(
      ACCEPT_MEMBERSHIP,
      { id: node!.id },
      { token: stranger.accessToken },
    );
    expect(errorOf(byStranger)).toMatchObject({
      code: 'NOT_FOUND',
      subCode: 'INVITATION_NOT_FOUND',
    });
    const declineByStranger = await h.gql.request(
      DECLINE_MEMBERSHIP,
      { id: node!.id },
      { token: stranger.accessToken },
    );
    expect(errorOf(declineByStranger).subCode).toBe('INVITATION_NOT_FOUND');
    expect(await membershipRows(stranger.userId)).toEqual([]);
    expect((await membershipRows(person.userId)).map((r) => r.status)).toEqual(['INVITED']);

    // A second invitation while one waits.
    const twice = await invite(head, { phone: person.phone, role: 'ADMIN' });
    expect(errorOf(twice.res)).toMatchObject({ code: 'CONFLICT', subCode: 'ALREADY_INVITED' });

    expect(
      (await h.gql.ok(DECLINE_MEMBERSHIP, { id: node!.id }, { token: person.accessToken }))
        .declineMembership,
    ).toBe(true);
    const late = await h.gql.request(
      ACCEPT_MEMBERSHIP,
      { id: node!.id },
      { token: person.accessToken },
    );
    const refusal = errorOf(late);
    expect(refusal).toMatchObject({ code: 'CONFLICT', subCode: 'INVITATION_ANSWERED' });
    expect(refusal.message).toMatch(RUSSIAN);
    expect((await membershipRows(person.userId)).map((r) => r.status)).toEqual(['DECLINED']);
    const listed = await h.gql.ok(MEMBERS, { first: 100 }, { token: head.token });
    expect(memberNodes(listed.organizationMembers).find((n) => n.id === node!.id)).toMatchObject({
      status: 'DECLINED',
      person: { lastName: '' },
    });

    // A declined invitation makes way for a new one.
    const renewed = await invite(head, { phone: person.phone, role: 'EMPLOYEE' });
    expect(renewed.node).toMatchObject({ status: 'INVITED' });
    expect((await membershipRows(person.userId)).map((r) => r.status)).toEqual(['INVITED']);
  });

  it('should let an invitation lapse after 14 days', async () => {
    const head = await headOfNewOrganization(h);
    const person = await registerAccount(h);
    const { node } = await invite(head, {
      phone: person.phone,
      role: 'EMPLOYEE',
      personnelNumber: 'ПР-4',
    });
    // Fourteen days pass.
    await h.t.dataSource.query('UPDATE memberships SET invitation_expires_at = ? WHERE id = ?', [
      new Date(Date.now() - 1000),
      node!.id,
    ]);
    expect(
      (await h.gql.ok(MY_INVITATIONS, {}, { token: person.accessToken })).myInvitations,
    ).toEqual([]);
    const late = await h.gql.request(
      ACCEPT_MEMBERSHIP,
      { id: node!.id },
      { token: person.accessToken },
    );
    const refusal = errorOf(late);
    expect(refusal).toMatchObject({ code: 'CONFLICT', subCode: 'INVITATION_EXPIRED' });
    expect(refusal.message).toMatch(RUSSIAN);
    expect((await membershipRows(person.userId)).map((r) => r.status)).toEqual(['INVITED']);
    const login = `${head.entity.inn}/ПР-4`;
    expect(
      errorOf(await h.gql.request(PASSWORD_LOGIN, { login, password: person.password })).code,
    ).toBe('UNAUTHENTICATED');

    // The lapsed invitation (and its personnel number) makes way for a new one.
    const renewed = await invite(head, {
      phone: person.phone,
      role: 'EMPLOYEE',
      personnelNumber: 'ПР-4',
    });
    expect(renewed.res.errors).toBeUndefined();
    expect(renewed.node!.id).not.toBe(node!.id);
  });

  it('should stop an organization at its daily number of invitations, look-ups included', async () => {
    const head = await headOfNewOrganization(h);
    const people: Account[] = [];
    for (let i = 0; i < DAILY_LIMIT; i++) {
      people.push(await registerAccount(h));
    }
    // An unknown phone is a look-up too, and counts (a random one: the demo seed, run by another
    // spec on the same database, holds the fixed demo phones).
    const unknown = await invite(head, { phone: randomPhone(), role: 'EMPLOYEE' });
    expect(errorOf(unknown.res)).toMatchObject({ code: 'NOT_FOUND', subCode: 'PERSON_NOT_FOUND' });
    for (const person of people.slice(0, DAILY_LIMIT - 1)) {
      expect(
        (await invite(head, { phone: person.phone, role: 'EMPLOYEE' })).res.errors,
      ).toBeUndefined();
    }
    const last = people[DAILY_LIMIT - 1];
    const refused = await invite(head, { phone: last.phone, role: 'EMPLOYEE' });
    const refusal = errorOf(refused.res);
    expect(refusal).toMatchObject({ code: 'RATE_LIMITED', subCode: 'INVITATION_LIMIT_REACHED' });
    expect(refusal.message).toMatch(RUSSIAN);
    expect(refusal.retryAfterSeconds).toBeGreaterThan(0);
    // Nothing written for the refused one: no membership, no log entry, no notice.
    expect(await membershipRows(last.userId)).toEqual([]);
    expect((await accessLog(last)).filter((r) => r.actor !== 'Вы')).toEqual([]);
    const inbox = await h.gql.ok(INBOX, {}, { token: last.accessToken });
    expect(inbox.notifications.edges).toEqual([]);

    // The limit is the organization's: another one invites the same person.
    const other = await headOfNewOrganization(h);
    expect(
      (await invite(other, { phone: last.phone, role: 'EMPLOYEE' })).res.errors,
    ).toBeUndefined();
  });

  it('should not let a HEAD leave while the only other HEAD is still invited', async () => {
    const head = await headOfNewOrganization(h);
    const second = await registerAccount(h);
    const { node } = await invite(head, { phone: second.phone, role: 'HEAD' });
    const members = await h.gql.ok(MEMBERS, { first: 100 }, { token: head.token });
    const own = memberNodes(members.organizationMembers).find(
      (n) => n.role === 'HEAD' && n.status === 'ACTIVE',
    )!;

    const leave = await h.gql.request(REMOVE_EMPLOYEE, { id: own.id }, { token: head.token });
    const refusal = errorOf(leave);
    expect(refusal).toMatchObject({ code: 'CONFLICT', subCode: 'LAST_HEAD' });
    expect(refusal.message).toMatch(RUSSIAN);
    const deletion = await h.gql.request(
      'mutation($p: String!) { deleteAccount(password: $p) }',
      { p: head.person.password },
      { token: head.person.accessToken },
    );
    expect(errorOf(deletion)).toMatchObject({ code: 'CONFLICT', subCode: 'SOLE_HEAD' });
    expect((await membershipRows(head.person.userId)).map((r) => r.status)).toEqual(['ACTIVE']);

    // Once the second HEAD accepts, the first may go.
    await h.gql.ok(ACCEPT_MEMBERSHIP, { id: node!.id }, { token: second.accessToken });
    expect(
      (await h.gql.ok(REMOVE_EMPLOYEE, { id: own.id }, { token: head.token })).removeEmployee,
    ).toBe(true);
  });
});
