import { registerAccount, errorOf } from '../auth/auth-e2e.helpers';
import { WebhookReceiver } from '../../support/webhook-receiver';
import { fixtureBytes, uniqueWeek, uploadReport } from '../../support/report-fixtures';
import {
  addAndAccept,
  GRANT_ACCESS,
  headOfNewOrganization,
  MEMBERS,
  memberNodes,
  MY_ORGANIZATIONS,
  OrganizationsHarness,
  REMOVE_EMPLOYEE,
  REVOKE_ACCESS,
  SELECT_ORGANIZATION,
  startOrganizationsApp,
} from './organizations-e2e.helpers';

type Head = Awaited<ReturnType<typeof headOfNewOrganization>>;

/**
 * A member of organization A names ids of organization B in every operation that takes an id:
 * each answers NOT_FOUND (never FORBIDDEN, which would confirm the id exists) and changes nothing.
 */
describe('organizations: isolation between organizations', () => {
  let h: OrganizationsHarness;
  let receiver: WebhookReceiver;
  let a: Head;
  let b: Head;
  let adminOfA: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    h = await startOrganizationsApp({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
    a = await headOfNewOrganization(h);
    b = await headOfNewOrganization(h);

    // An ADMIN of A, signed in through A's context switch.
    const admin = await registerAccount(h);
    await addAndAccept(h, a.token, { phone: admin.phone, role: 'ADMIN' }, admin.accessToken);
    adminOfA = (
      await h.gql.ok(SELECT_ORGANIZATION, { id: a.organizationId }, { token: admin.accessToken })
    ).selectOrganization.accessToken;

    // B's ids: an employee with a grant, a report, an API client and a webhook.
    const employee = await registerAccount(h);
    const added = await addAndAccept(
      h,
      b.token,
      { phone: employee.phone, role: 'EMPLOYEE', personnelNumber: 'Б-1' },
      employee.accessToken,
    );
    ids.membership = added.id;
    const members = await h.gql.ok(MEMBERS, {}, { token: b.token });
    ids.headMembership = memberNodes(members.organizationMembers).find(
      (n) => n.person.id === b.person.userId,
    )!.id;
    ids.grant = (
      await h.gql.ok(
        GRANT_ACCESS,
        { id: ids.membership, system: 'REMOTE_WORK_REPORTS' },
        { token: b.token },
      )
    ).grantAccess.id;
    const upload = await uploadReport(h.t, b.token, fixtureBytes(), { week: uniqueWeek() });
    ids.report = upload.data!.submitRemoteWorkReport.id;
    ids.apiClient = (
      await h.gql.ok(
        `mutation { createApiClient(name: "Учёт Б", scopes: ["reports:read"]) { client { id } } }`,
        {},
        { token: b.token },
      )
    ).createApiClient.client.id;
    ids.webhook = (
      await h.gql.ok(
        `mutation($url: String!) {
          createWebhook(url: $url, events: [REMOTE_WORK_REPORT_STATUS_CHANGED]) { webhook { id } }
        }`,
        { url: receiver.url('/b') },
        { token: b.token },
      )
    ).createWebhook.webhook.id;
  });

  afterAll(async () => {
    await h.close();
    await receiver.close();
  });

  const operations: [name: string, query: string, variables: () => Record<string, unknown>][] = [
    ['selectOrganization', SELECT_ORGANIZATION, () => ({ id: b.organizationId })],
    ['removeEmployee (employee)', REMOVE_EMPLOYEE, () => ({ id: ids.membership })],
    ['removeEmployee (head)', REMOVE_EMPLOYEE, () => ({ id: ids.headMembership })],
    [
      'grantAccess',
      GRANT_ACCESS,
      () => ({ id: ids.membership, system: 'INTER_AGENCY_PORTAL', expiresAt: null }),
    ],
    ['revokeAccess', REVOKE_ACCESS, () => ({ id: ids.grant })],
    [
      'remoteWorkReport',
      'query($id: ID!) { remoteWorkReport(id: $id) { id } }',
      () => ({ id: ids.report }),
    ],
    [
      'revokeApiClient',
      'mutation($id: ID!) { revokeApiClient(id: $id) }',
      () => ({ id: ids.apiClient }),
    ],
    ['deleteWebhook', 'mutation($id: ID!) { deleteWebhook(id: $id) }', () => ({ id: ids.webhook })],
    [
      'webhookDeliveries',
      'query($id: ID!) { webhookDeliveries(webhookId: $id) { id } }',
      () => ({ id: ids.webhook }),
    ],
  ];

  for (const [name, query, variables] of operations) {
    it(`should answer NOT_FOUND to ${name} with an id of another organization`, async () => {
      for (const token of [a.token, adminOfA]) {
        const res = await h.gql.request(query, variables(), { token });
        expect(errorOf(res).code).toBe('NOT_FOUND');
      }
    });
  }

  it('should have left B’s data as it was', async () => {
    const members = await h.gql.ok(MEMBERS, {}, { token: b.token });
    const nodes = memberNodes(members.organizationMembers);
    expect(nodes.map((n) => n.id).sort()).toEqual([ids.membership, ids.headMembership].sort());
    const employee = nodes.find((n) => n.id === ids.membership);
    expect(employee?.grants.map((g) => [g.id, g.system])).toEqual([
      [ids.grant, 'REMOTE_WORK_REPORTS'],
    ]);
    const report = await h.gql.ok(
      'query($id: ID!) { remoteWorkReport(id: $id) { id } }',
      { id: ids.report },
      { token: b.token },
    );
    expect(report.remoteWorkReport.id).toBe(ids.report);
    const clients = await h.gql.ok('{ apiClients { id revokedAt } }', {}, { token: b.token });
    expect(clients.apiClients).toEqual([{ id: ids.apiClient, revokedAt: null }]);
    const hooks = await h.gql.ok('{ webhooks { id } }', {}, { token: b.token });
    expect(hooks.webhooks).toEqual([{ id: ids.webhook }]);
  });

  it('should show neither B’s members nor B itself to A', async () => {
    const members = await h.gql.ok(MEMBERS, { first: 100 }, { token: a.token });
    const personIds = memberNodes(members.organizationMembers).map((n) => n.person.id);
    expect(personIds).not.toContain(b.person.userId);
    const mine = await h.gql.ok(MY_ORGANIZATIONS, {}, { token: a.person.accessToken });
    const organizations = mine.myOrganizations as { id: string }[];
    expect(organizations.map((o) => o.id)).toEqual([a.organizationId]);
  });

  it('should answer NOT_FOUND for B’s report files over REST', async () => {
    for (const kind of ['original', 'result']) {
      const res = await fetch(`${h.t.url}/files/remote-work-reports/${ids.report}/${kind}`, {
        headers: { authorization: `Bearer ${a.token}` },
      });
      expect(res.status).toBe(404);
    }
  });
});
