import { insertUser } from '../../support/db-fixtures';
import { createTestApp, TestApp } from '../../support/test-app';
import { signTestToken } from '../../support/tokens';
import {
  ACCESS_REQUESTS,
  addMember,
  DECIDE_REQUEST,
  DECIDE_SYSTEM,
  eventually,
  grantPortal,
  insertOrganization,
  member,
  Member,
  mnemonic,
  operatorToken,
  randomSnils,
  REGISTER_KIND,
  REGISTER_SYSTEM,
  REQUEST_ACCESS,
  SYSTEMS,
  verifySnils,
} from './inter-agency-e2e.helpers';

const CANDIDATES = `query($snils: String!) { developerRepresentativeCandidates(snils: $snils) { id fullName myRole } }`;
const APPOINT = `mutation($snils: String!, $org: ID!) {
  appointDeveloperRepresentative(snils: $snils, developerOrganizationId: $org) {
    id createdAt person { id lastName firstName middleName } developerOrganization { id fullName }
  }
}`;
const REVOKE = `mutation($id: ID!) { revokeDeveloperRepresentative(id: $id) }`;
const LIST = `{ developerRepresentatives { id person { id } developerOrganization { id } } }`;
const MY_ORGANIZATIONS = `{ myOrganizations { id myRole } }`;
const SELECT_ORGANIZATION = `mutation ($id: ID!) {
  selectOrganization(organizationId: $id) { accessToken organization { id myRole } }
}`;
const MESSAGES = `query($filter: InterAgencyMessageFilter) { interAgencyMessages(filter: $filter) { totalCount } }`;

describe('inter-agency: developer representatives', () => {
  let t: TestApp;
  let agency: string;
  let developer: string;
  let otherEmployer: string;
  let head: Member;
  let personId: string;
  let snils: string;

  beforeAll(async () => {
    t = await createTestApp();
    agency = await insertOrganization(t.dataSource, 'Б Департамент информационных технологий');
    developer = await insertOrganization(t.dataSource, 'А ООО «Разработчик»');
    otherEmployer = await insertOrganization(t.dataSource, 'В АО «Подряд»');
    head = await member(t, agency, 'HEAD');
    const person = await insertUser(t.dataSource, {
      lastName: 'Петров',
      firstName: 'Пётр',
      middleName: 'Петрович',
    });
    personId = person.id;
    snils = randomSnils();
    await verifySnils(t.dataSource, personId, snils);
    await addMember(t.dataSource, developer, personId, 'EMPLOYEE');
    await addMember(t.dataSource, otherEmployer, personId, 'ADMIN');
  });

  afterAll(async () => {
    await t.close();
  });

  it('should list the organizations of the person with that SNILS, to managers only', async () => {
    const { developerRepresentativeCandidates } = await t.gql.ok(
      CANDIDATES,
      { snils: snils.replace(/\D/g, '') },
      { token: head.token },
    );
    expect(developerRepresentativeCandidates).toEqual([
      { id: developer, fullName: 'А ООО «Разработчик»', myRole: null },
      { id: otherEmployer, fullName: 'В АО «Подряд»', myRole: null },
    ]);
    const unknown = await t.gql.ok(CANDIDATES, { snils: randomSnils() }, { token: head.token });
    expect(unknown.developerRepresentativeCandidates).toEqual([]);
    const invalid = await t.gql.request(
      CANDIDATES,
      { snils: '123-456-789 00' },
      { token: head.token },
    );
    expect(invalid.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'snils', message: expect.stringContaining('СНИЛС') }],
    });
    const employee = await member(t, agency, 'EMPLOYEE');
    await grantPortal(t.dataSource, employee.membershipId);
    const refused = await t.gql.request(CANDIDATES, { snils }, { token: employee.token });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // The lookup shows in the person's own data access log.
    const [{ n }] = await t.dataSource.query<{ n: string }[]>(
      `SELECT COUNT(*) AS n FROM data_access_log WHERE subject_user_id = ? AND action = 'READ'`,
      [personId],
    );
    expect(Number(n)).toBeGreaterThan(0);
  });

  it('should let the representative work on TEST for the appointing organization only, until revoked', async () => {
    const notMember = await t.gql.request(APPOINT, { snils, org: agency }, { token: head.token });
    expect(notMember.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const stranger = await insertOrganization(t.dataSource, 'Г Посторонняя');
    const notCandidate = await t.gql.request(
      APPOINT,
      { snils, org: stranger },
      { token: head.token },
    );
    expect(notCandidate.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'NOT_A_CANDIDATE',
    });
    const nobody = await t.gql.request(
      APPOINT,
      { snils: randomSnils(), org: developer },
      { token: head.token },
    );
    expect(nobody.errors?.[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      subCode: 'PERSON_NOT_FOUND',
    });

    const { appointDeveloperRepresentative: appointment } = await t.gql.ok(
      APPOINT,
      { snils, org: developer },
      { token: head.token },
    );
    expect(appointment).toMatchObject({
      person: { id: personId, lastName: 'Петров', firstName: 'Пётр', middleName: 'Петрович' },
      developerOrganization: { id: developer },
    });
    const twice = await t.gql.request(APPOINT, { snils, org: developer }, { token: head.token });
    expect(twice.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      subCode: 'REPRESENTATIVE_EXISTS',
    });
    const { developerRepresentatives } = await t.gql.ok(LIST, {}, { token: head.token });
    expect(developerRepresentatives).toEqual([
      { id: appointment.id, person: { id: personId }, developerOrganization: { id: developer } },
    ]);

    // The agency has a PROD system the representative must never see.
    const { registerInformationSystem: prod } = await t.gql.ok(
      REGISTER_SYSTEM,
      { input: { mnemonic: mnemonic('DIT_PROD'), name: 'Прод', environment: 'PROD' } },
      { token: head.token },
    );

    // The representative signs in as a person, finds the agency among their organizations
    // without a role in it, and selects it: that session's tokens carry the `rep` claim.
    const person = await signTestToken(t.app, { sub: personId });
    const { myOrganizations } = await t.gql.ok(MY_ORGANIZATIONS, {}, { token: person });
    expect(myOrganizations).toContainEqual({ id: agency, myRole: null });
    const { selectOrganization: selected } = await t.gql.ok(
      SELECT_ORGANIZATION,
      { id: agency },
      { token: person },
    );
    expect(selected.organization).toEqual({ id: agency, myRole: null });
    const rep: string = selected.accessToken;
    const claims = JSON.parse(Buffer.from(rep.split('.')[1], 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ org: agency, rep: true });
    // Another organization that did not appoint them stays out of reach.
    // selectOrganization ended the person's session: they sign in again.
    const signedInAgain = await signTestToken(t.app, { sub: personId });
    const stranger2 = await t.gql.request(
      SELECT_ORGANIZATION,
      { id: stranger },
      { token: signedInAgain },
    );
    expect(stranger2.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const { registerInformationSystem: system } = await t.gql.ok(
      REGISTER_SYSTEM,
      { input: { mnemonic: mnemonic('DEV'), name: 'Стенд разработчика', environment: 'TEST' } },
      { token: rep },
    );
    expect(system.organization.id).toBe(agency);
    await eventually(async () => {
      const { informationSystems } = await t.gql.ok(SYSTEMS, {}, { token: rep });
      expect(informationSystems.every((s: any) => s.environment === 'TEST')).toBe(true);
      return (
        informationSystems.find((s: any) => s.id === system.id)?.status === 'ACTIVE' || undefined
      );
    });
    await t.gql.ok(
      REGISTER_KIND,
      {
        input: {
          ownerSystemId: system.id,
          name: 'Тестовый вид',
          namespaceUri: `urn://dev/${system.id}`,
          version: '0.1',
          rootElement: 'Request',
        },
      },
      { token: rep },
    );

    // Anything PROD is FORBIDDEN.
    const forbidden = [
      await t.gql.request(
        REGISTER_SYSTEM,
        { input: { mnemonic: mnemonic('DEV_PROD'), name: 'x', environment: 'PROD' } },
        { token: rep },
      ),
      await t.gql.request(SYSTEMS, { environment: 'PROD' }, { token: rep }),
      await t.gql.request(MESSAGES, { filter: { environment: 'PROD' } }, { token: rep }),
      await t.gql.request(
        REQUEST_ACCESS,
        { input: { dataKindId: system.id, systemId: prod.id, role: 'CONSUMER' } },
        { token: rep },
      ),
      await t.gql.request(LIST, {}, { token: rep }),
      await t.gql.request(APPOINT, { snils, org: developer }, { token: rep }),
    ];
    for (const res of forbidden) {
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(forbidden[0].errors?.[0].extensions?.subCode).toBe('REPRESENTATIVE_TEST_ONLY');
    const [{ n: prodCount }] = await t.dataSource.query<{ n: string }[]>(
      `SELECT COUNT(*) AS n FROM information_systems WHERE organization_id = ? AND environment = 'PROD'`,
      [agency],
    );
    expect(Number(prodCount)).toBe(1);

    // A representative token for an organization that did not appoint them counts for nothing.
    const elsewhere = await signTestToken(t.app, { sub: personId, org: developer, rep: true });
    const refused = await t.gql.request(SYSTEMS, {}, { token: elsewhere });
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    // Everything they did is audited as a representative's action.
    const audit = await t.dataSource.query<{ action: string }[]>(
      `SELECT action FROM inter_agency_audit_log
       WHERE actor_user_id = ? AND organization_id = ? AND as_representative = 1 ORDER BY created_at`,
      [personId, agency],
    );
    expect(audit.map((a) => a.action)).toEqual(['SYSTEM_REGISTERED', 'DATA_KIND_REGISTERED']);

    // After revocation: nothing.
    expect(
      (await t.gql.ok(REVOKE, { id: appointment.id }, { token: head.token }))
        .revokeDeveloperRepresentative,
    ).toBe(true);
    const after = await t.gql.request(
      REGISTER_SYSTEM,
      { input: { mnemonic: mnemonic('DEV2'), name: 'x', environment: 'TEST' } },
      { token: rep },
    );
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql.request(SYSTEMS, {}, { token: rep })).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await t.gql.ok(LIST, {}, { token: head.token })).developerRepresentatives).toEqual([]);
    const again = await t.gql.request(REVOKE, { id: appointment.id }, { token: head.token });
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const revoked = await t.dataSource.query<{ action: string }[]>(
      `SELECT action FROM inter_agency_audit_log WHERE target_id = ?`,
      [appointment.id],
    );
    expect(revoked.map((a) => a.action).sort()).toEqual([
      'REPRESENTATIVE_APPOINTED',
      'REPRESENTATIVE_REVOKED',
    ]);
  });

  it('should keep PROD decisions away from representatives', async () => {
    // The agency owns a kind of data on an ACTIVE PROD system; another organization asks for it.
    const operator = await operatorToken(t);
    const registerProd = async (token: string, prefix: string) => {
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
      return registerInformationSystem.id as string;
    };
    const ownerSystem = await registerProd(head.token, 'DIT_OWNER');
    const { registerDataKind: kind } = await t.gql.ok(
      REGISTER_KIND,
      {
        input: {
          ownerSystemId: ownerSystem,
          name: 'Прод-вид',
          namespaceUri: `urn://prod/${ownerSystem}`,
          version: '1',
          rootElement: 'Request',
        },
      },
      { token: head.token },
    );
    const consumerOrg = await insertOrganization(t.dataSource, 'Д Потребитель');
    const consumerHead = await member(t, consumerOrg, 'HEAD');
    const consumerSystem = await registerProd(consumerHead.token, 'CONSUMER_PROD');
    const { requestDataKindAccess: request } = await t.gql.ok(
      REQUEST_ACCESS,
      { input: { dataKindId: kind.id, systemId: consumerSystem, role: 'CONSUMER' } },
      { token: consumerHead.token },
    );

    // Appointed again (history is kept): the representative cannot decide it, nor see it.
    await t.gql.ok(APPOINT, { snils, org: otherEmployer }, { token: head.token });
    const rep = await signTestToken(t.app, { sub: personId, org: agency, rep: true });
    const refused = await t.gql.request(
      DECIDE_REQUEST,
      { id: request.id, approve: true },
      { token: rep },
    );
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      subCode: 'REPRESENTATIVE_TEST_ONLY',
    });
    const { accessRequests } = await t.gql.ok(ACCESS_REQUESTS, {}, { token: rep });
    expect(accessRequests.map((r: { id: string }) => r.id)).not.toContain(request.id);
    // The head decides it.
    const granted = await t.gql.ok(
      DECIDE_REQUEST,
      { id: request.id, approve: true },
      { token: head.token },
    );
    expect(granted.decideAccessRequest.status).toBe('GRANTED');
  });
  it('should end the rights at once when the representative leaves the developer organization', async () => {
    const leaver = await insertUser(t.dataSource, { lastName: 'Уходящий', firstName: 'Иван' });
    const leaverSnils = randomSnils();
    await verifySnils(t.dataSource, leaver.id, leaverSnils);
    const membershipId = await addMember(t.dataSource, developer, leaver.id, 'EMPLOYEE');
    await t.gql.ok(APPOINT, { snils: leaverSnils, org: developer }, { token: head.token });
    const person = await signTestToken(t.app, { sub: leaver.id });
    const { selectOrganization: selected } = await t.gql.ok(
      SELECT_ORGANIZATION,
      { id: agency },
      { token: person },
    );
    const rep: string = selected.accessToken;
    await t.gql.ok(SYSTEMS, {}, { token: rep });

    // Removed from the developer organization; nobody revoked the appointment.
    await t.dataSource.query('DELETE FROM memberships WHERE id = ?', [membershipId]);
    const refused = await t.gql.request(
      REGISTER_SYSTEM,
      { input: { mnemonic: mnemonic('LEFT'), name: 'x', environment: 'TEST' } },
      { token: rep },
    );
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(refused.data).toBeNull();
    const [{ n }] = await t.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM information_systems WHERE created_by_user_id = ?',
      [leaver.id],
    );
    expect(Number(n)).toBe(0);
    // selectOrganization ended the person's own session: they sign in again.
    const again = await signTestToken(t.app, { sub: leaver.id });
    const { myOrganizations } = await t.gql.ok(MY_ORGANIZATIONS, {}, { token: again });
    expect(myOrganizations).not.toContainEqual({ id: agency, myRole: null });
    const reselect = await t.gql.request(SELECT_ORGANIZATION, { id: agency }, { token: again });
    expect(reselect.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
