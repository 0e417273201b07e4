import { registerAccount, errorOf, type Account } from '../auth/auth-e2e.helpers';
import { codeIn } from '../../support/sms-gateway';
import {
  ACCEPT_MEMBERSHIP,
  ADD_EMPLOYEE,
  addAndAccept,
  CURRENT_ORGANIZATION,
  GRANT_ACCESS,
  headOfNewOrganization,
  LOGIN_WITH_CODE,
  MEMBERS,
  memberNodes,
  type MemberNode,
  OrganizationsHarness,
  personWithVerifiedSnils,
  REMOVE_EMPLOYEE,
  REQUEST_CODE,
  REVOKE_ACCESS,
  startOrganizationsApp,
} from './organizations-e2e.helpers';

const REPORTS = '{ remoteWorkReports(first: 5) { totalCount } }';

describe('organizations: members, grants and employee sign-in', () => {
  let h: OrganizationsHarness;
  let head: Awaited<ReturnType<typeof headOfNewOrganization>>;

  beforeAll(async () => {
    h = await startOrganizationsApp();
    head = await headOfNewOrganization(h);
  });

  afterAll(async () => {
    await h.close();
  });

  let counter = 0;
  const personnelNumber = () => `ТН-${Date.now().toString(36)}-${++counter}`;

  /** Invites the account and, when the invitation went through, accepts it as the person. */
  async function addByPhone(
    account: Account,
    role: string,
    number: string | null = personnelNumber(),
    token = head.token,
  ) {
    const res = await h.gql.request(
      ADD_EMPLOYEE,
      { input: { phone: account.phone, role, personnelNumber: number } },
      { token },
    );
    if (!res.errors?.length) {
      await h.gql.ok(
        ACCEPT_MEMBERSHIP,
        { id: res.data!.addEmployee.id },
        { token: account.accessToken },
      );
    }
    return res;
  }

  /** An employee login code, by SMS to the member's phone, then loginWithCode. */
  async function employeeSignIn(account: Account, number: string) {
    const login = `${head.entity.inn}/${number}`;
    expect((await h.gql.ok(REQUEST_CODE, { login })).requestLoginCode).toBe(true);
    const sms = await h.sms.waitForMessage(account.phone, (text) => text.includes('входа'));
    return h.gql.request(LOGIN_WITH_CODE, { login, code: codeIn(sms.text) });
  }

  describe('addEmployee', () => {
    it('should add an account by phone and by verified SNILS, listed with names and grants once accepted', async () => {
      const byPhone = await registerAccount(h);
      const added = await addByPhone(byPhone, 'EMPLOYEE', 'ТН-1');
      expect(added.errors).toBeUndefined();
      expect(added.data!.addEmployee).toMatchObject({
        role: 'EMPLOYEE',
        status: 'INVITED',
        personnelNumber: 'ТН-1',
        person: { id: added.data!.addEmployee.id, lastName: '', firstName: '' },
        grants: [],
      });

      const bySnils = await personWithVerifiedSnils(h);
      const admin = await addAndAccept(
        h,
        head.token,
        { snils: bySnils.snilsDigits, role: 'ADMIN' },
        bySnils.accessToken,
      );
      expect(admin).toMatchObject({ role: 'ADMIN', status: 'ACTIVE', personnelNumber: null });
      expect(admin.person.id).toBe(bySnils.userId);

      const list = await h.gql.ok(MEMBERS, { first: 100 }, { token: head.token });
      const ids = memberNodes(list.organizationMembers).map((n) => n.person.id);
      expect(ids).toEqual(
        expect.arrayContaining([head.person.userId, byPhone.userId, bySnils.userId]),
      );
      expect(list.organizationMembers.totalCount).toBe(ids.length);

      // The listed people see the read in their personal-data access log.
      const log = await h.gql.ok(
        '{ myDataAccessLog(first: 20) { edges { node { actor action fields } } } }',
        {},
        { token: byPhone.accessToken },
      );
      const records = (log.myDataAccessLog.edges as { node: unknown }[]).map((e) => e.node);
      expect(records).toContainEqual({
        actor: expect.stringContaining(head.entity.name),
        action: 'READ',
        fields: ['lastName', 'firstName', 'middleName'],
      });
    });

    it('should answer CONFLICT for a personnel number taken in the organization', async () => {
      const first = await registerAccount(h);
      const second = await registerAccount(h);
      const number = personnelNumber();
      expect((await addByPhone(first, 'EMPLOYEE', number)).errors).toBeUndefined();
      const res = await addByPhone(second, 'EMPLOYEE', number.toLowerCase());
      expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', subCode: 'PERSONNEL_NUMBER_TAKEN' });
      const [row] = await h.t.dataSource.query<{ n: string }[]>(
        'SELECT COUNT(*) AS n FROM memberships WHERE user_id = ?',
        [second.userId],
      );
      expect(Number(row.n)).toBe(0);
    });

    it('should answer CONFLICT for a person already in the organization', async () => {
      const person = await registerAccount(h);
      await addByPhone(person, 'EMPLOYEE');
      const res = await addByPhone(person, 'ADMIN');
      expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', subCode: 'ALREADY_MEMBER' });
    });

    it('should refuse bad input: neither or both identifiers, a bad SNILS, an unknown phone', async () => {
      const person = await registerAccount(h);
      const neither = await h.gql.request(
        ADD_EMPLOYEE,
        { input: { role: 'EMPLOYEE' } },
        { token: head.token },
      );
      expect(errorOf(neither).code).toBe('BAD_USER_INPUT');
      const both = await h.gql.request(
        ADD_EMPLOYEE,
        { input: { role: 'EMPLOYEE', phone: person.phone, snils: '112-233-445 95' } },
        { token: head.token },
      );
      expect(errorOf(both).code).toBe('BAD_USER_INPUT');
      const badSnils = await h.gql.request(
        ADD_EMPLOYEE,
        { input: { role: 'EMPLOYEE', snils: '123-456-789 00' } },
        { token: head.token },
      );
      expect(errorOf(badSnils)).toMatchObject({ code: 'BAD_USER_INPUT' });
      const unknown = await h.gql.request(
        ADD_EMPLOYEE,
        { input: { role: 'EMPLOYEE', phone: '+79990000000' } },
        { token: head.token },
      );
      expect(errorOf(unknown)).toMatchObject({ code: 'NOT_FOUND', subCode: 'PERSON_NOT_FOUND' });
    });

    it('should let only HEAD and ADMIN manage, and only a HEAD appoint a HEAD', async () => {
      const employee = await registerAccount(h);
      const admin = await registerAccount(h);
      const employeeNumber = personnelNumber();
      await addByPhone(employee, 'EMPLOYEE', employeeNumber);
      const adminNumber = personnelNumber();
      await addByPhone(admin, 'ADMIN', adminNumber);
      const employeeToken = (await employeeSignIn(employee, employeeNumber)).data!.loginWithCode
        .accessToken;
      const adminToken = (await employeeSignIn(admin, adminNumber)).data!.loginWithCode.accessToken;
      const newcomer = await registerAccount(h);

      const byEmployee = await addByPhone(newcomer, 'EMPLOYEE', null, employeeToken);
      expect(errorOf(byEmployee).code).toBe('FORBIDDEN');
      const list = await h.gql.request(MEMBERS, {}, { token: employeeToken });
      expect(errorOf(list).code).toBe('FORBIDDEN');

      const headByAdmin = await addByPhone(newcomer, 'HEAD', null, adminToken);
      expect(errorOf(headByAdmin)).toMatchObject({ code: 'FORBIDDEN', subCode: 'HEAD_ONLY' });
      const employeeByAdmin = await addByPhone(newcomer, 'EMPLOYEE', null, adminToken);
      expect(employeeByAdmin.errors).toBeUndefined();
    });
  });

  describe('removeEmployee', () => {
    it('should never remove the last HEAD, but a HEAD once another exists', async () => {
      const members = await h.gql.ok(MEMBERS, { first: 100 }, { token: head.token });
      const own = memberNodes(members.organizationMembers).find(
        (n) => n.person.id === head.person.userId,
      )!;
      const refused = await h.gql.request(REMOVE_EMPLOYEE, { id: own.id }, { token: head.token });
      expect(errorOf(refused)).toMatchObject({ code: 'CONFLICT', subCode: 'LAST_HEAD' });

      const second = await registerAccount(h);
      const added = await addByPhone(second, 'HEAD');
      const secondId = added.data!.addEmployee.id;
      expect(
        (await h.gql.ok(REMOVE_EMPLOYEE, { id: secondId }, { token: head.token })).removeEmployee,
      ).toBe(true);
      const again = await h.gql.request(REMOVE_EMPLOYEE, { id: secondId }, { token: head.token });
      expect(errorOf(again)).toMatchObject({ code: 'NOT_FOUND', subCode: 'MEMBERSHIP_NOT_FOUND' });
    });

    it('should refuse deleting the account of a sole HEAD', async () => {
      const res = await h.gql.request(
        'mutation($p: String!) { deleteAccount(password: $p) }',
        { p: head.person.password },
        { token: head.person.accessToken },
      );
      expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', subCode: 'SOLE_HEAD' });
    });

    it('should keep a HEAD when both HEADs delete their accounts at the same time', async () => {
      const DELETE = 'mutation($p: String!) { deleteAccount(password: $p) }';
      // Several organizations at once: each race is a chance to lose the HEAD without the lock.
      const pairs = await Promise.all(
        [1, 2, 3].map(async () => {
          const first = await headOfNewOrganization(h);
          const second = await registerAccount(h);
          const added = await h.gql.request(
            ADD_EMPLOYEE,
            { input: { phone: second.phone, role: 'HEAD', personnelNumber: personnelNumber() } },
            { token: first.token },
          );
          expect(added.errors).toBeUndefined();
          return { first, second };
        }),
      );
      const outcomes = await Promise.all(
        pairs.map(({ first, second }) =>
          Promise.all([
            h.gql.request(
              DELETE,
              { p: first.person.password },
              { token: first.person.accessToken },
            ),
            h.gql.request(DELETE, { p: second.password }, { token: second.accessToken }),
          ]),
        ),
      );
      for (const [index, results] of outcomes.entries()) {
        const deleted = results.filter((res) => res.data?.deleteAccount === true);
        const refused = results.filter((res) => res.errors);
        expect(deleted).toHaveLength(1);
        expect(refused.map(errorOf)).toEqual([
          expect.objectContaining({ code: 'CONFLICT', subCode: 'SOLE_HEAD' }),
        ]);
        // The refused account is whole: still a HEAD of its organization.
        const heads = await h.t.dataSource.query<{ user_id: string }[]>(
          'SELECT user_id FROM memberships WHERE organization_id = ? AND role = ?',
          [pairs[index].first.organizationId, 'HEAD'],
        );
        expect(heads).toHaveLength(1);
        const [user] = await h.t.dataSource.query<{ n: string }[]>(
          'SELECT COUNT(*) AS n FROM users WHERE id = ?',
          [heads[0].user_id],
        );
        expect(Number(user.n)).toBe(1);
      }
    });
  });

  describe('employee sign-in and grants', () => {
    it('should send the code to the member’s phone and sign in with the organization', async () => {
      const employee = await registerAccount(h);
      const number = personnelNumber();
      await addByPhone(employee, 'EMPLOYEE', number);
      const res = await employeeSignIn(employee, number);
      expect(res.errors).toBeUndefined();
      expect(res.data!.loginWithCode).toMatchObject({
        user: { id: employee.userId },
        organization: { id: head.organizationId, myRole: 'EMPLOYEE' },
      });
      const current = await h.gql.ok(
        CURRENT_ORGANIZATION,
        {},
        { token: res.data!.loginWithCode.accessToken },
      );
      expect(current.currentOrganization).toMatchObject({
        inn: head.entity.inn,
        myRole: 'EMPLOYEE',
      });

      // The same login works with the account's password.
      const byPassword = await h.gql.ok(
        `mutation($login: String!, $password: String!) {
          login(login: $login, password: $password) { organization { id myRole } }
        }`,
        { login: `${head.entity.inn}/${number}`, password: employee.password },
      );
      expect(byPassword.login.organization).toEqual({
        id: head.organizationId,
        myRole: 'EMPLOYEE',
      });
    });

    it('should send nothing for an unknown personnel number and refuse any code', async () => {
      const login = `${head.entity.inn}/НЕТ-ТАКОГО`;
      expect((await h.gql.ok(REQUEST_CODE, { login })).requestLoginCode).toBe(true);
      const res = await h.gql.request(LOGIN_WITH_CODE, { login, code: '123456' });
      expect(errorOf(res)).toMatchObject({ code: 'UNAUTHENTICATED', subCode: 'CODE_INVALID' });
    });

    it('should open REMOTE_WORK_REPORTS to an EMPLOYEE only through an unexpired grant', async () => {
      const employee = await registerAccount(h);
      const number = personnelNumber();
      const membershipId = (await addByPhone(employee, 'EMPLOYEE', number)).data!.addEmployee.id;
      const token = (await employeeSignIn(employee, number)).data!.loginWithCode.accessToken;

      expect(errorOf(await h.gql.request(REPORTS, {}, { token })).code).toBe('FORBIDDEN');

      const granted = await h.gql.ok(
        GRANT_ACCESS,
        { id: membershipId, system: 'REMOTE_WORK_REPORTS', expiresAt: null },
        { token: head.token },
      );
      expect(granted.grantAccess).toMatchObject({ system: 'REMOTE_WORK_REPORTS', expiresAt: null });
      expect((await h.gql.ok(REPORTS, {}, { token })).remoteWorkReports.totalCount).toBe(0);

      // Renewed with an end two seconds away: open until then, closed after, at once.
      const soon = new Date(Date.now() + 2000).toISOString();
      const renewed = await h.gql.ok(
        GRANT_ACCESS,
        { id: membershipId, system: 'REMOTE_WORK_REPORTS', expiresAt: soon },
        { token: head.token },
      );
      expect(renewed.grantAccess.id).toBe(granted.grantAccess.id);
      expect((await h.gql.request(REPORTS, {}, { token })).errors).toBeUndefined();
      await new Promise((r) => setTimeout(r, 2100));
      expect(errorOf(await h.gql.request(REPORTS, {}, { token })).code).toBe('FORBIDDEN');

      // Listed on the membership; revoked at once.
      const again = await h.gql.ok(
        GRANT_ACCESS,
        { id: membershipId, system: 'REMOTE_WORK_REPORTS' },
        { token: head.token },
      );
      const members = await h.gql.ok(MEMBERS, { first: 100 }, { token: head.token });
      const node = memberNodes(members.organizationMembers).find((n) => n.id === membershipId);
      expect(node?.grants).toEqual([again.grantAccess]);
      expect(
        (await h.gql.ok(REVOKE_ACCESS, { id: again.grantAccess.id }, { token: head.token }))
          .revokeAccess,
      ).toBe(true);
      expect(errorOf(await h.gql.request(REPORTS, {}, { token })).code).toBe('FORBIDDEN');
    });

    it('should refuse a grant that ends in the past', async () => {
      const employee = await registerAccount(h);
      const membershipId = (await addByPhone(employee, 'EMPLOYEE')).data!.addEmployee.id;
      const res = await h.gql.request(
        GRANT_ACCESS,
        {
          id: membershipId,
          system: 'INTER_AGENCY_PORTAL',
          expiresAt: new Date(Date.now() - 1000).toISOString(),
        },
        { token: head.token },
      );
      expect(errorOf(res).code).toBe('BAD_USER_INPUT');
      const [row] = await h.t.dataSource.query<{ n: string }[]>(
        'SELECT COUNT(*) AS n FROM access_grants WHERE membership_id = ?',
        [membershipId],
      );
      expect(Number(row.n)).toBe(0);
    });
  });

  describe('organizationMembers paging', () => {
    it('should page newest first with an opaque cursor and cap first at 100', async () => {
      const all = (await h.gql.ok(MEMBERS, { first: 100 }, { token: head.token }))
        .organizationMembers;
      const first = (await h.gql.ok(MEMBERS, { first: 2 }, { token: head.token }))
        .organizationMembers;
      expect(first.totalCount).toBe(all.totalCount);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = (
        await h.gql.ok(
          MEMBERS,
          { first: 2, after: first.pageInfo.endCursor },
          { token: head.token },
        )
      ).organizationMembers;
      const ids = (page: { edges: { node: MemberNode }[] }) => memberNodes(page).map((n) => n.id);
      expect([...ids(first), ...ids(second)]).toEqual(ids(all).slice(0, 4));

      const tooMany = await h.gql.request(MEMBERS, { first: 101 }, { token: head.token });
      expect(errorOf(tooMany).code).toBe('BAD_USER_INPUT');
      const forged = await h.gql.request(MEMBERS, { after: 'forged' }, { token: head.token });
      expect(errorOf(forged).code).toBe('BAD_USER_INPUT');
    });
  });
});
