import { runCli } from '../../support/cli';
import { createTestApp, TestApp, waitForQueueIdle } from '../../support/test-app';
import { QueueName } from '../../../src/queues/queue-names';

const LOGIN = `mutation($login: String!, $password: String!) {
  login(login: $login, password: $password) { accessToken }
}`;
const SELECT = `mutation($id: ID!) { selectOrganization(organizationId: $id) { accessToken } }`;
const DEMO_INN = '7799000012';
const ALL_STATUSES = [
  'ACCEPTED',
  'FAILED',
  'PARTIALLY_ACCEPTED',
  'PROCESSING',
  'QUEUED',
  'REJECTED',
];
const REPORTS = `{ remoteWorkReports(first: 20) { totalCount edges { node { id status } } } }`;
const NOTIFICATIONS = `{ notifications { totalCount edges { node { category title } } } }`;
const RESIDENT_PROFILE = `{ me {
  snils { number status }
  passport { series number status }
  vehicles { plate registrationCertificate }
  children { lastName firstName birthDate }
} }`;

interface Seeded {
  organization: { id: string; inn: string };
  password: string;
  accounts: Record<string, { phone: string; role: string | null }>;
  apiClient: { clientId: string; clientSecret: string; scopes: string[] };
  resident: { created: boolean; documents: string[] };
  reports: { id: string; status: string; hasResultFile: boolean }[] | null;
  events: { subscriptions: string[]; ingested: number };
  signIn: string[];
}

describe('npm run cli -- seed:demo', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  async function demoOrganizations(): Promise<number> {
    const [row] = await t.dataSource.query<{ n: number }[]>(
      'SELECT COUNT(*) AS n FROM organizations WHERE inn = ?',
      [DEMO_INN],
    );
    return Number(row.n);
  }

  it('should be refused when NODE_ENV=production, writing nothing', async () => {
    const run = await runCli(['seed:demo'], {
      NODE_ENV: 'production',
      JWT_SECRET: 'seed-demo-production-test-secret-0123456789',
      SECRETS_MASTER_KEY: 'seed-demo-production-test-master-key-0123456789',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/refused when NODE_ENV=production/);
    expect(run.stdout).toBe('');
    expect(await demoOrganizations()).toBe(0);
  });

  it('should print credentials that work: people sign in, the client gets a token', async () => {
    const run = await runCli(['seed:demo']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const seeded = JSON.parse(run.stdout) as Seeded;
    expect(seeded.organization.inn).toBe(DEMO_INN);
    expect(Object.keys(seeded.accounts).sort()).toEqual(['admin', 'employee', 'head', 'resident']);

    const token = await fetch(`${t.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: seeded.apiClient.clientId,
        client_secret: seeded.apiClient.clientSecret,
      }),
    });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const { remoteWorkReports } = await t.gql.ok(
      '{ remoteWorkReports { totalCount } }',
      {},
      { token: access_token },
    );
    // The organization's demo reports, one in every status.
    expect(remoteWorkReports.totalCount).toBe(ALL_STATUSES.length);

    const tokens: Record<string, string> = {};
    for (const key of ['head', 'admin', 'employee']) {
      const { login } = await t.gql.ok(LOGIN, {
        login: seeded.accounts[key].phone,
        password: seeded.password,
      });
      const { myOrganizations } = await t.gql.ok(
        '{ myOrganizations { id myRole } }',
        {},
        { token: login.accessToken as string },
      );
      expect({ key, myOrganizations }).toEqual({
        key,
        myOrganizations: [{ id: seeded.organization.id, myRole: seeded.accounts[key].role }],
      });
      const { selectOrganization } = await t.gql.ok(
        SELECT,
        { id: seeded.organization.id },
        { token: login.accessToken as string },
      );
      tokens[key] = selectOrganization.accessToken as string;
      // HEAD and ADMIN by role, the EMPLOYEE by the seeded grant.
      await t.gql.ok(
        '{ remoteWorkReports { totalCount } }',
        {},
        { token: selectOrganization.accessToken as string },
      );
    }

    // The HEAD sees a report in every status and downloads the result workbook of a checked one.
    const { remoteWorkReports: journal } = await t.gql.ok(REPORTS, {}, { token: tokens.head });
    const nodes = (journal.edges as { node: { id: string; status: string } }[]).map((e) => e.node);
    expect(nodes.map((n) => n.status).sort()).toEqual(ALL_STATUSES);
    expect(seeded.reports?.map((r) => r.status).sort()).toEqual(ALL_STATUSES);
    for (const report of seeded.reports ?? []) {
      const result = await fetch(`${t.url}/files/remote-work-reports/${report.id}/result`, {
        headers: { authorization: `Bearer ${tokens.head}` },
      });
      const body = Buffer.from(await result.arrayBuffer());
      expect({ status: report.status, code: result.status }).toEqual({
        status: report.status,
        code: report.hasResultFile ? 200 : 404,
      });
      if (report.hasResultFile) {
        // An xlsx workbook: a ZIP package.
        expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
      }
    }
    expect(
      seeded.reports
        ?.filter((r) => r.hasResultFile)
        .map((r) => r.status)
        .sort(),
    ).toEqual(['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED']);

    const { login } = await t.gql.ok(LOGIN, {
      login: seeded.accounts.resident.phone,
      password: seeded.password,
    });
    const { myOrganizations } = await t.gql.ok(
      '{ myOrganizations { id } }',
      {},
      { token: login.accessToken as string },
    );
    expect(myOrganizations).toEqual([]);

    // The resident's documents went through the profile services and the queued registry check.
    expect(seeded.resident).toEqual({
      created: true,
      documents: ['vehicle', 'child', 'snils', 'passport'],
    });
    await waitForQueueIdle(t.app, QueueName.DocumentChecks);
    const { me } = await t.gql.ok(RESIDENT_PROFILE, {}, { token: login.accessToken as string });
    expect(me).toEqual({
      snils: { number: '779-900-004 38', status: 'VERIFIED' },
      passport: { series: '4599', number: '004004', status: 'VERIFIED' },
      vehicles: [{ plate: 'А004АА77', registrationCertificate: '77УК004004' }],
      children: [{ lastName: 'Иванова', firstName: 'Алиса', birthDate: '2015-09-01' }],
    });

    // The resident's subscriptions and the events about the vehicle, fanned out by the worker.
    expect(seeded.events).toEqual({
      subscriptions: ['TRAFFIC_FINES', 'VEHICLE_EVACUATION'],
      ingested: 2,
    });
    await waitForQueueIdle(t.app, QueueName.ServiceEvents);
    const { notifications } = await t.gql.ok(
      NOTIFICATIONS,
      {},
      { token: login.accessToken as string },
    );
    // Besides the document-status notices (DOCUMENTS), the two events' notifications.
    const received = (notifications.edges as { node: { category: string; title: string } }[])
      .map((e) => e.node)
      .filter((n) => n.category !== 'DOCUMENTS')
      .sort((a, b) => a.category.localeCompare(b.category));
    expect(received).toEqual([
      { category: 'TRAFFIC_FINES', title: 'Штраф за превышение скорости' },
      {
        category: 'VEHICLE_EVACUATION',
        title: 'Автомобиль перемещён на специализированную стоянку',
      },
    ]);
  });

  it('should keep what exists when run again, with a new client', async () => {
    const run = await runCli(['seed:demo']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const first = JSON.parse(run.stdout) as Seeded;
    const again = await runCli(['seed:demo']);
    expect(again.code).toBe(0);
    const second = JSON.parse(again.stdout) as Seeded;
    expect(second.organization.id).toBe(first.organization.id);
    expect(second.apiClient.clientId).not.toBe(first.apiClient.clientId);
    expect(await demoOrganizations()).toBe(1);
    expect(second.resident.created).toBe(false);
    const [row] = await t.dataSource.query<{ n: number }[]>(
      `SELECT COUNT(*) AS n FROM identity_documents d JOIN users u ON u.id = d.user_id
       WHERE u.phone = ?`,
      [second.accounts.resident.phone],
    );
    expect(Number(row.n)).toBe(2);
    // Reports and events were seeded once.
    expect(second.reports).toBeNull();
    expect(second.events.ingested).toBe(0);
    const [reports] = await t.dataSource.query<{ n: number }[]>(
      `SELECT COUNT(*) AS n FROM remote_work_reports r JOIN organizations o
         ON o.id = r.organization_id WHERE o.inn = ?`,
      [DEMO_INN],
    );
    expect(Number(reports.n)).toBe(ALL_STATUSES.length);
    const [events] = await t.dataSource.query<{ n: number }[]>(
      "SELECT COUNT(*) AS n FROM service_events WHERE source = 'demo.city'",
    );
    expect(Number(events.n)).toBe(2);
  });
});
