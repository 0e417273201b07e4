import { restoreIntegrationsEnv } from './integrations-env';
import { randomUUID } from 'node:crypto';
import { QueueName } from '../../../src/queues/queue-names';
import { WebhookDeliveryReconciler } from '../../../src/modules/integrations/jobs/webhook-delivery.reconciler';
import {
  verifyWebhookSignature,
  WebhookDispatcher,
  WebhookEvent,
} from '../../../src/modules/integrations';
import {
  createOtherOrganization,
  fixtureBytes,
  memberToken,
  uniqueWeek,
  uploadReport,
  waitForFinalReport,
} from '../../support/report-fixtures';
import { RemoteWorkReportEvents } from '../../../src/modules/remote-work-reports';
import { ReportStatusOutboxDrain } from '../../../src/modules/remote-work-reports/events/report-status-outbox.drain';
import { createTestApp, TestApp, waitForQueueIdle } from '../../support/test-app';
import { ReceivedWebhook, WebhookReceiver } from '../../support/webhook-receiver';
import { clientWithToken } from './integrations-e2e.helpers';

const CREATE_WEBHOOK = `mutation($url: String!, $events: [WebhookEvent!]!) {
  createWebhook(url: $url, events: $events) { signingSecret webhook { id url events createdAt } }
}`;
const WEBHOOKS = `{ webhooks { id url events createdAt } }`;
const DELIVERIES = `query($webhookId: ID!, $first: Int) {
  webhookDeliveries(webhookId: $webhookId, first: $first) {
    id event status attempts responseStatus lastError createdAt lastAttemptAt deliveredAt
  }
}`;
const DELETE_WEBHOOK = `mutation($id: ID!) { deleteWebhook(id: $id) }`;
const EVENTS = [WebhookEvent.REMOTE_WORK_REPORT_STATUS_CHANGED];

describe('integrators: webhooks', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let organizationId: string;
  let head: string;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    // Report status changes reach webhooks through the outbox the worker drains.
    t = await createTestApp({ periodicTasks: ['report-status-outbox-drain'] });
    organizationId = await createOtherOrganization(t.dataSource);
    head = (await memberToken(t, organizationId, 'HEAD')).token;
  });

  afterAll(async () => {
    await t.close();
    await receiver.close();
    restoreIntegrationsEnv();
  });

  async function createWebhook(token: string, url: string) {
    const { createWebhook } = await t.gql.ok(CREATE_WEBHOOK, { url, events: EVENTS }, { token });
    return createWebhook as { signingSecret: string; webhook: { id: string; url: string } };
  }

  it('should refuse URLs that are not https or that point inside the network', async () => {
    const cases: [string, string][] = [
      ['http://example.ru/hook', 'WEBHOOK_URL_INVALID'],
      ['ftp://example.ru/hook', 'WEBHOOK_URL_INVALID'],
      ['hooks.example.ru', 'WEBHOOK_URL_INVALID'],
      ['https://user:secret@example.ru/hook', 'WEBHOOK_URL_INVALID'],
      // 127.0.0.1 itself is allow-listed in this run; the rest of loopback is not.
      ['https://127.0.0.2/hook', 'WEBHOOK_URL_FORBIDDEN'],
      ['https://localhost/hook', 'WEBHOOK_URL_FORBIDDEN'],
      ['https://[::1]/hook', 'WEBHOOK_URL_FORBIDDEN'],
      ['https://[::ffff:127.0.0.1]/hook', 'WEBHOOK_URL_FORBIDDEN'],
      ['https://10.0.0.5/hook', 'WEBHOOK_URL_FORBIDDEN'],
      ['https://192.168.1.1/hook', 'WEBHOOK_URL_FORBIDDEN'],
      ['https://100.64.0.1/hook', 'WEBHOOK_URL_FORBIDDEN'],
      ['https://169.254.169.254/latest/meta-data', 'WEBHOOK_URL_FORBIDDEN'],
      ['https://[fd00::1]/hook', 'WEBHOOK_URL_FORBIDDEN'],
      ['https://[fe80::1]/hook', 'WEBHOOK_URL_FORBIDDEN'],
      ['https://0.0.0.0/hook', 'WEBHOOK_URL_FORBIDDEN'],
    ];
    for (const [url, subCode] of cases) {
      const res = await t.gql.request(CREATE_WEBHOOK, { url, events: EVENTS }, { token: head });
      expect({ url, extensions: res.errors?.[0].extensions }).toMatchObject({
        url,
        extensions: { code: 'BAD_USER_INPUT', subCode, fields: [{ field: 'url' }] },
      });
    }
    const { webhooks } = await t.gql.ok(WEBHOOKS, {}, { token: head });
    expect(webhooks).toEqual([]);
  });

  it('should deliver signed report status changes, retrying a receiver that answers 500 twice', async () => {
    const good = await createWebhook(head, receiver.url('/good'));
    expect(good.signingSecret).toMatch(/^whsec_/);
    const flaky = await createWebhook(head, receiver.url('/flaky'));
    receiver.failFirstAttempts('/flaky', 2);
    const stranger = (await memberToken(t, await createOtherOrganization(t.dataSource), 'HEAD'))
      .token;
    await createWebhook(stranger, receiver.url('/stranger'));
    const { webhooks } = await t.gql.ok(WEBHOOKS, {}, { token: head });
    expect(webhooks.map((w: { id: string }) => w.id)).toEqual([good.webhook.id, flaky.webhook.id]);

    // The real flow: an integrator client uploads a report; every status change is an event.
    const client = await clientWithToken(t, head, ['reports:read', 'reports:write']);
    const week = uniqueWeek();
    const upload = await uploadReport(t, client.accessToken, fixtureBytes(), { week });
    expect(upload.errors).toBeUndefined();
    const reportId = upload.data!.submitRemoteWorkReport.id as string;
    const final = await waitForFinalReport(t, head, reportId);

    const isFinal = (r: ReceivedWebhook) =>
      r.body?.data?.status === final.status && r.status === 200;
    await receiver.waitFor((r) => r.path === '/good' && isFinal(r));
    await receiver.waitFor((r) => r.path === '/flaky' && isFinal(r));
    await waitForQueueIdle(t.app, QueueName.WebhookDeliveries);

    const received = receiver.accepted('/good');
    expect(received.map((r) => String(r.body.data.status))).toEqual(
      expect.arrayContaining(['QUEUED', final.status]),
    );
    for (const request of received) {
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-kabinet-event']).toBe('REMOTE_WORK_REPORT_STATUS_CHANGED');
      expect(request.headers['x-kabinet-delivery']).toBe(request.body.deliveryId);
      expect(
        verifyWebhookSignature(
          request.rawBody,
          good.signingSecret,
          request.headers['x-kabinet-signature'] as string,
        ),
      ).toBe(true);
      expect(
        verifyWebhookSignature(
          request.rawBody,
          flaky.signingSecret,
          request.headers['x-kabinet-signature'] as string,
        ),
      ).toBe(false);
      expect(request.body).toEqual({
        event: 'REMOTE_WORK_REPORT_STATUS_CHANGED',
        deliveryId: expect.any(String),
        occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        data: { reportId, organizationId, reportingWeek: week, status: expect.any(String) },
      });
    }

    // Each flaky delivery: 500, 500, then 200 with the same bytes and signature every time.
    const flakyAttempts = receiver.requests.filter((r) => r.path === '/flaky');
    const byDelivery = new Map<string, ReceivedWebhook[]>();
    for (const r of flakyAttempts) {
      byDelivery.set(r.body.deliveryId, [...(byDelivery.get(r.body.deliveryId) ?? []), r]);
    }
    expect(byDelivery.size).toBe(received.length);
    for (const attempts of byDelivery.values()) {
      expect(attempts.map((a) => a.status)).toEqual([500, 500, 200]);
      expect(new Set(attempts.map((a) => a.rawBody.toString('hex'))).size).toBe(1);
      expect(
        verifyWebhookSignature(
          attempts[2].rawBody,
          flaky.signingSecret,
          attempts[2].headers['x-kabinet-signature'] as string,
        ),
      ).toBe(true);
    }

    const { webhookDeliveries: flakyLog } = await t.gql.ok(
      DELIVERIES,
      { webhookId: flaky.webhook.id },
      { token: head },
    );
    expect(flakyLog).toHaveLength(byDelivery.size);
    for (const delivery of flakyLog) {
      expect(delivery).toMatchObject({
        event: 'REMOTE_WORK_REPORT_STATUS_CHANGED',
        status: 'DELIVERED',
        attempts: 3,
        responseStatus: 200,
        lastError: null,
      });
      expect(delivery.deliveredAt).not.toBeNull();
    }
    const { webhookDeliveries: goodLog } = await t.gql.ok(
      DELIVERIES,
      { webhookId: good.webhook.id, first: 1 },
      { token: head },
    );
    expect(goodLog).toHaveLength(1);
    expect(goodLog[0]).toMatchObject({ status: 'DELIVERED', attempts: 1, responseStatus: 200 });
    // Newest first: the last event is the final status.
    expect(goodLog[0].id).toBe(received.find(isFinal)!.body.deliveryId);

    expect(receiver.requests.filter((r) => r.path === '/stranger')).toEqual([]);
  });

  it('should keep webhooks to HEAD and ADMIN of their own organization', async () => {
    const { webhook } = await createWebhook(head, receiver.url('/mine'));
    const otherHead = (await memberToken(t, await createOtherOrganization(t.dataSource), 'HEAD'))
      .token;
    for (const [query, vars] of [
      [DELIVERIES, { webhookId: webhook.id }],
      [DELETE_WEBHOOK, { id: webhook.id }],
    ] as const) {
      const res = await t.gql.request(query, vars, { token: otherHead });
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        subCode: 'WEBHOOK_NOT_FOUND',
      });
    }
    expect((await t.gql.ok(WEBHOOKS, {}, { token: otherHead })).webhooks).toEqual([]);

    const employee = (await memberToken(t, organizationId, 'EMPLOYEE')).token;
    const byEmployee = await t.gql.request(
      CREATE_WEBHOOK,
      { url: receiver.url('/x'), events: EVENTS },
      { token: employee },
    );
    expect(byEmployee.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const client = await clientWithToken(t, head, ['reports:read', 'reports:write']);
    const byClient = await t.gql.request(WEBHOOKS, {}, { token: client.accessToken });
    expect(byClient.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql.request(WEBHOOKS)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const tooMany = await t.gql.request(
      DELIVERIES,
      { webhookId: webhook.id, first: 101 },
      { token: head },
    );
    expect(tooMany.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'first' }],
    });
  });

  it('should send nothing more to a deleted webhook', async () => {
    const organization = await createOtherOrganization(t.dataSource);
    const owner = (await memberToken(t, organization, 'ADMIN')).token;
    const { webhook } = await createWebhook(owner, receiver.url('/deleted'));
    const dispatcher = t.app.get(WebhookDispatcher);
    const data = {
      reportId: 'r',
      organizationId: organization,
      reportingWeek: '2099-01-05',
      status: 'QUEUED',
    };
    expect(
      await dispatcher.dispatch(organization, WebhookEvent.REMOTE_WORK_REPORT_STATUS_CHANGED, data),
    ).toHaveLength(1);
    await receiver.waitFor((r) => r.path === '/deleted');

    expect(await t.gql.ok(DELETE_WEBHOOK, { id: webhook.id }, { token: owner })).toEqual({
      deleteWebhook: true,
    });
    expect((await t.gql.ok(WEBHOOKS, {}, { token: owner })).webhooks).toEqual([]);
    const again = await t.gql.request(DELETE_WEBHOOK, { id: webhook.id }, { token: owner });
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(
      await dispatcher.dispatch(organization, WebhookEvent.REMOTE_WORK_REPORT_STATUS_CHANGED, data),
    ).toEqual([]);
    await waitForQueueIdle(t.app, QueueName.WebhookDeliveries);
    expect(receiver.requests.filter((r) => r.path === '/deleted')).toHaveLength(1);
  });

  it('should queue again a delivery whose job was lost, and forget deliveries past the retention', async () => {
    const organization = await createOtherOrganization(t.dataSource);
    const owner = (await memberToken(t, organization, 'HEAD')).token;
    const { webhook, signingSecret } = await createWebhook(owner, receiver.url('/lost'));
    const insert = (id: string, status: string, createdAt: Date) =>
      t.dataSource.query(
        `INSERT INTO webhook_deliveries (id, webhook_id, event, payload, status, attempts, created_at)
         VALUES (?, ?, 'REMOTE_WORK_REPORT_STATUS_CHANGED', ?, ?, 0, ?)`,
        [
          id,
          webhook.id,
          JSON.stringify({
            event: 'REMOTE_WORK_REPORT_STATUS_CHANGED',
            deliveryId: id,
            occurredAt: createdAt.toISOString(),
            data: {
              reportId: 'r',
              organizationId: organization,
              reportingWeek: '2099-01-05',
              status: 'QUEUED',
            },
          }),
          status,
          createdAt,
        ],
      );
    // Written, but its enqueue "failed" (no job), as when Redis is down after the commit.
    const lost = randomUUID();
    await insert(lost, 'PENDING', new Date(Date.now() - 5 * 60_000));
    const expired = randomUUID();
    await insert(expired, 'DELIVERED', new Date(Date.now() - 31 * 24 * 3600_000));

    await t.app.get(WebhookDeliveryReconciler).reconcile(60_000);

    const request = await receiver.waitFor(
      (r) => r.path === '/lost' && r.body?.deliveryId === lost,
    );
    expect(
      verifyWebhookSignature(
        request.rawBody,
        signingSecret,
        request.headers['x-kabinet-signature'] as string,
      ),
    ).toBe(true);
    await waitForQueueIdle(t.app, QueueName.WebhookDeliveries);
    const rows = await t.dataSource.query<{ id: string; status: string }[]>(
      'SELECT id, status FROM webhook_deliveries WHERE webhook_id = ?',
      [webhook.id],
    );
    expect(rows).toEqual([{ id: lost, status: 'DELIVERED' }]);
  });
  it('should make one delivery per webhook of a status change handed over twice, and keep a change whose listener failed', async () => {
    const organization = await createOtherOrganization(t.dataSource);
    const owner = (await memberToken(t, organization, 'HEAD')).token;
    const { webhook } = await createWebhook(owner, receiver.url('/outbox'));
    const change = {
      eventId: randomUUID(),
      reportId: randomUUID(),
      organizationId: organization,
      reportingWeek: '2099-01-05',
      status: 'QUEUED' as never,
      occurredAt: new Date(),
    };
    // A drain that died between handing the change over and deleting its row hands it over again.
    const events = t.app.get(RemoteWorkReportEvents);
    await events.deliver(change);
    await events.deliver(change);
    await receiver.waitFor((r) => r.path === '/outbox');
    await waitForQueueIdle(t.app, QueueName.WebhookDeliveries);
    const { webhookDeliveries } = await t.gql.ok(
      DELIVERIES,
      { webhookId: webhook.id },
      { token: owner },
    );
    expect(webhookDeliveries).toHaveLength(1);
    expect(receiver.requests.filter((r) => r.path === '/outbox')).toHaveLength(1);

    // A listener that fails leaves the change in the outbox for the next pass (registered
    // first: the scheduled drain may pass meanwhile, and must fail on it too).
    const unregister = events.onReportStatusChanged(() => {
      throw new Error('listener down');
    });
    const drain = t.app.get(ReportStatusOutboxDrain);
    try {
      await t.dataSource.query(
        `INSERT INTO remote_work_report_status_events
           (id, report_id, organization_id, reporting_week, status, occurred_at)
         VALUES (?, ?, ?, '2099-01-05', 'PROCESSING', ?)`,
        [randomUUID(), change.reportId, organization, new Date()],
      );
      await expect(drain.drain()).rejects.toThrow('listener down');
    } finally {
      unregister();
    }
    const left = () =>
      t.dataSource.query<unknown[]>(
        'SELECT id FROM remote_work_report_status_events WHERE report_id = ?',
        [change.reportId],
      );
    expect(await left()).toHaveLength(1);
    await drain.drain();
    expect(await left()).toHaveLength(0);
    await receiver.waitFor((r) => r.path === '/outbox' && r.body?.data?.status === 'PROCESSING');
  });
});
