import { createHmac, randomInt, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { benchOrganization, writeBenchWorkbook } from '../../support/bench-workbook';
import { buildDataSourceOptions } from '../../../src/database/data-source-options';
import {
  AppProcess,
  freePort,
  startAppProcess,
  stopAllAppProcesses,
} from '../../support/app-process';
import { runExample, RunningExample, startExample } from '../../support/example-script';
import { GqlHttpClient } from '../../support/graphql-client';
import { ensureOrganization, headToken, uniqueWeek } from '../../support/report-fixtures';

// The integrator examples of examples/README.md run against a started Kabinet (a real
// `node dist/src/main.js`), exactly as their reader runs them.

const CREATE_CLIENT = `mutation($name: String!, $scopes: [String!]!) {
  createApiClient(name: $name, scopes: $scopes) { clientSecret client { clientId } }
}`;
const CREATE_WEBHOOK = `mutation($url: String!) {
  createWebhook(url: $url, events: [REMOTE_WORK_REPORT_STATUS_CHANGED]) { signingSecret webhook { id } }
}`;

describe('examples: the integrator scripts against a started Kabinet', () => {
  jest.setTimeout(180_000);

  let kabinet: AppProcess;
  let gql: GqlHttpClient;
  let dataSource: DataSource;
  let temp: string;

  /** A new organization, its HEAD's token and a workbook of `rows` employees for it. */
  async function employer(rows = 5): Promise<{ head: string; workbook: string }> {
    const organization = benchOrganization(randomInt(10, 100), randomInt(0, 100_000));
    const organizationId = await ensureOrganization(dataSource, organization);
    const workbook = join(temp, `${randomUUID()}.xlsx`);
    await writeBenchWorkbook(workbook, rows, organization);
    return { head: await headToken(dataSource, organizationId), workbook };
  }

  async function apiClient(head: string, scopes: string[]) {
    const { createApiClient } = await gql.ok(
      CREATE_CLIENT,
      { name: 'Учётная система', scopes },
      { token: head },
    );
    return {
      KABINET_CLIENT_ID: createApiClient.client.clientId as string,
      KABINET_CLIENT_SECRET: createApiClient.clientSecret as string,
    };
  }

  beforeAll(async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // PUBLIC_URL is where the result workbook's URL points: this very process.
    kabinet = await startAppProcess('all', {
      PORT: String(port),
      PUBLIC_URL: url,
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      LOG_LEVEL: 'warn',
    });
    gql = new GqlHttpClient(kabinet.url!);
    dataSource = new DataSource(buildDataSourceOptions(process.env.DATABASE_URL!));
    await dataSource.initialize();
    temp = await mkdtemp(join(tmpdir(), 'kabinet-examples-'));
  });

  afterAll(async () => {
    await stopAllAppProcesses();
    await dataSource?.destroy();
    if (temp) {
      await rm(temp, { recursive: true, force: true });
    }
  });

  it('should upload the workbook, follow it to its final status and download the result', async () => {
    const { head, workbook } = await employer(5);
    const credentials = await apiClient(head, ['reports:read', 'reports:write']);
    const out = join(temp, 'result.xlsx');
    const run = await runExample(
      'employer-upload.mjs',
      [workbook, '--week', uniqueWeek(), '--out', out],
      { KABINET_URL: kabinet.url!, ...credentials },
    );
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/token granted: scopes "reports:read reports:write"/);
    expect(run.stdout).toMatch(/report [0-9a-f-]{36} for the week of \d{4}-\d{2}-\d{2}: QUEUED/);
    expect(run.stdout).toMatch(/final status ACCEPTED: 5 of 5 rows accepted/);
    expect(run.stdout).toContain(`result workbook saved to ${out}`);
    // An xlsx is a zip: it starts with the local file header.
    expect((await readFile(out)).subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
  });

  it('should exit non-zero with the OAuth error when the client secret is wrong', async () => {
    const { head, workbook } = await employer(1);
    const credentials = await apiClient(head, ['reports:write']);
    const run = await runExample('employer-upload.mjs', [workbook], {
      KABINET_URL: kabinet.url!,
      ...credentials,
      KABINET_CLIENT_SECRET: `${credentials.KABINET_CLIENT_SECRET}x`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^refused: invalid_client: /);
  });

  it('should exit non-zero with the code and subCode when the upload is refused', async () => {
    const { head, workbook } = await employer(1);
    // A client that may read reports but not submit them.
    const credentials = await apiClient(head, ['reports:read']);
    const run = await runExample('employer-upload.mjs', [workbook, '--week', uniqueWeek()], {
      KABINET_URL: kabinet.url!,
      ...credentials,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^refused: FORBIDDEN [A-Z_]+: \S/);
    expect(run.stdout).not.toMatch(/report [0-9a-f-]{36}/);
  });

  describe('webhook-receiver.mjs', () => {
    let receiver: RunningExample;
    let receiverUrl: string;
    const SECRET = `whsec_${randomUUID()}`;

    beforeAll(async () => {
      receiver = startExample('webhook-receiver.mjs', { WEBHOOK_SECRET: SECRET, PORT: '0' });
      const [, url] = await receiver.waitForOutput(/listening on (http:\/\/\S+)/);
      receiverUrl = url;
    });

    afterAll(async () => {
      await receiver?.stop();
    });

    function signed(body: string, secret = SECRET): string {
      return 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
    }

    async function post(payload: Record<string, unknown>, signature?: string) {
      const body = JSON.stringify(payload);
      const res = await fetch(`${receiverUrl}/kabinet`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-kabinet-delivery': String(payload.deliveryId),
          'x-kabinet-signature': signature ?? signed(body),
        },
        body,
      });
      return res.status;
    }

    const delivery = (overrides: Record<string, unknown> = {}) => ({
      event: 'REMOTE_WORK_REPORT_STATUS_CHANGED',
      deliveryId: randomUUID(),
      occurredAt: new Date().toISOString(),
      data: { reportId: randomUUID(), status: 'ACCEPTED' },
      ...overrides,
    });

    it('should verify a real delivery from Kabinet and answer 2xx', async () => {
      const { head, workbook } = await employer(2);
      const { createWebhook } = await gql.ok(
        CREATE_WEBHOOK,
        { url: `${receiverUrl}/kabinet` },
        { token: head },
      );
      // The receiver knows this webhook's secret only: restart it with it.
      await receiver.stop();
      const port = new URL(receiverUrl).port;
      receiver = startExample('webhook-receiver.mjs', {
        WEBHOOK_SECRET: createWebhook.signingSecret as string,
        PORT: port,
      });
      await receiver.waitForOutput(/listening on/);
      try {
        await uploadAndExpectDelivery(head, workbook, createWebhook.webhook.id as string);
      } finally {
        // Back to the test secret for the next cases.
        await receiver.stop();
        receiver = startExample('webhook-receiver.mjs', { WEBHOOK_SECRET: SECRET, PORT: port });
        await receiver.waitForOutput(/listening on/);
      }
    });

    async function uploadAndExpectDelivery(head: string, workbook: string, webhookId: string) {
      const credentials = await apiClient(head, ['reports:read', 'reports:write']);
      const run = await runExample(
        'employer-upload.mjs',
        [workbook, '--week', uniqueWeek(), '--out', join(temp, 'webhook-result.xlsx')],
        { KABINET_URL: kabinet.url!, ...credentials },
      );
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      const [, deliveryId] = await receiver.waitForOutput(
        /verified REMOTE_WORK_REPORT_STATUS_CHANGED ([0-9a-f-]{36})[\s\S]*"status": "ACCEPTED"/,
      );
      const { webhookDeliveries } = await gql.ok(
        `query($id: ID!) { webhookDeliveries(webhookId: $id) { id status responseStatus } }`,
        { id: webhookId },
        { token: head },
      );
      expect(webhookDeliveries).toEqual(
        expect.arrayContaining([{ id: deliveryId, status: 'DELIVERED', responseStatus: 200 }]),
      );
      expect(receiver.output()).not.toMatch(/refused/);
    }

    it('should refuse a body signed with another secret, or not signed', async () => {
      const payload = delivery();
      expect(await post(payload, signed(JSON.stringify(payload), 'whsec_other'))).toBe(401);
      expect(await post(payload, 'sha256=')).toBe(401);
      expect(receiver.output()).not.toContain(
        `verified REMOTE_WORK_REPORT_STATUS_CHANGED ${payload.deliveryId}`,
      );
    });

    it('should refuse a correctly signed delivery whose timestamp is too old', async () => {
      const payload = delivery({ occurredAt: new Date(Date.now() - 3_600_000).toISOString() });
      expect(await post(payload)).toBe(400);
      await receiver.waitForOutput(/refused 400: stale timestamp/);
      expect(receiver.output()).not.toContain(
        `verified REMOTE_WORK_REPORT_STATUS_CHANGED ${payload.deliveryId}`,
      );
    });

    it('should handle a delivery once when it is replayed', async () => {
      const payload = delivery();
      expect(await post(payload)).toBe(200);
      expect(await post(payload)).toBe(200);
      await receiver.waitForOutput(new RegExp(`duplicate ${payload.deliveryId}`));
      const handled = receiver
        .output()
        .split('\n')
        .filter(
          (line) => line === `verified REMOTE_WORK_REPORT_STATUS_CHANGED ${payload.deliveryId}`,
        );
      expect(handled).toHaveLength(1);
    });
  });
});
