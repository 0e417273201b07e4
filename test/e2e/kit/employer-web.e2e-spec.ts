import { randomInt, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { benchOrganization, writeBenchWorkbook } from '../../support/bench-workbook';
import { buildDataSourceOptions } from '../../../src/database/data-source-options';
import {
  AppProcess,
  freePort,
  startAppProcess,
  stopAllAppProcesses,
} from '../../support/app-process';
import { insertUser } from '../../support/db-fixtures';
import { EXAMPLES_DIR } from '../../support/example-script';
import { addMember, ensureOrganization, uniqueWeek } from '../../support/report-fixtures';
import { codeIn, SmsGateway } from '../../support/sms-gateway';
import { StaticServer } from '../../support/static-server';

// examples/web in a real headless browser (Debian's chromium), served from another origin than
// Kabinet's: CORS preflights, the CSRF header of the upload and graphql-ws from a page are what
// this test exercises. The final state is kept as a screenshot under var/artifacts/.

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '../../../var/artifacts');

describe('examples/web: an employer in a browser', () => {
  jest.setTimeout(180_000);

  let kabinet: AppProcess;
  let page: StaticServer;
  let sms: SmsGateway;
  let dataSource: DataSource;
  let browser: BrowserContext;
  let temp: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
    }
    sms = await SmsGateway.start();
    page = await StaticServer.start(join(EXAMPLES_DIR, 'web'));
    const port = await freePort();
    kabinet = await startAppProcess('all', {
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      CORS_ORIGINS: page.origin,
      SMS_DRIVER: 'http',
      SMS_GATEWAY_URL: sms.url,
      LOG_LEVEL: 'warn',
    });
    dataSource = new DataSource(buildDataSourceOptions(process.env.DATABASE_URL!));
    await dataSource.initialize();
    temp = await mkdtemp(join(tmpdir(), 'kabinet-web-'));
    browser = await chromium.launchPersistentContext(join(temp, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stopAllAppProcesses();
    await dataSource?.destroy();
    await page?.close();
    await sms?.close();
    if (temp) {
      await rm(temp, { recursive: true, force: true });
    }
  });

  /** A HEAD of a new organization, and a workbook of `rows` employees for it. */
  async function employer(rows: number) {
    const organization = benchOrganization(randomInt(10, 100), randomInt(0, 100_000));
    const organizationId = await ensureOrganization(dataSource, organization);
    const { id: userId, phone } = await insertUser(dataSource);
    await addMember(dataSource, organizationId, userId, 'HEAD');
    const workbook = join(temp, `${randomUUID()}.xlsx`);
    await writeBenchWorkbook(workbook, rows, organization);
    return { phone, workbook, organization };
  }

  async function signIn(tab: Page, phone: string): Promise<void> {
    await tab.goto(`${page.origin}/?api=${encodeURIComponent(kabinet.url!)}`);
    await tab.fill('#phone', phone);
    await tab.click('#request-code');
    await tab.waitForSelector('#code-form:not([hidden])');
    const text = await waitForSms(phone);
    await tab.fill('#code', codeIn(text));
    await tab.click('#sign-in-button');
  }

  async function waitForSms(phone: string): Promise<string> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const [text] = sms.messagesTo(phone);
      if (text) {
        return text;
      }
      if (Date.now() > deadline) {
        throw new Error(`no SMS to ${phone}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('should sign in by SMS code, upload the workbook, watch it live and download the result', async () => {
    const { phone, workbook, organization } = await employer(4);
    const tab = await browser.newPage();
    const consoleErrors: string[] = [];
    tab.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await signIn(tab, phone);
    await tab.waitForSelector('#upload:not([hidden])');
    expect(await tab.textContent('#organization-name')).toContain(organization.inn);

    await tab.setInputFiles('#file', workbook);
    await tab.fill('#week', uniqueWeek());
    await tab.click('#submit');
    // The status arrives over graphql-ws until it is final; the result is fetched with the token.
    await tab.waitForSelector('#status[data-status="ACCEPTED"]', { timeout: 60_000 });
    await tab.waitForSelector('#result-link');
    expect(await tab.textContent('#rows')).toBe('принято 4 из 4');
    expect(Number(await tab.getAttribute('#result-link', 'data-bytes'))).toBeGreaterThan(1000);
    expect(await tab.isVisible('#no-issues')).toBe(true);
    expect(await tab.isHidden('#error')).toBe(true);
    expect(consoleErrors).toEqual([]);

    await mkdir(ARTIFACTS, { recursive: true });
    await tab.screenshot({ path: join(ARTIFACTS, 'employer-web.png'), fullPage: true });
  });

  it('should show the refusal with its code when the SMS code is wrong', async () => {
    const { phone } = await employer(1);
    const tab = await browser.newPage();
    await tab.goto(`${page.origin}/?api=${encodeURIComponent(kabinet.url!)}`);
    await tab.fill('#phone', phone);
    await tab.click('#request-code');
    await tab.waitForSelector('#code-form:not([hidden])');
    await waitForSms(phone);
    await tab.fill('#code', '000000');
    await tab.click('#sign-in-button');
    await tab.waitForSelector('#error:not([hidden])');
    expect(await tab.textContent('#error')).toMatch(/\(UNAUTHENTICATED \/ [A-Z_]+\)$/);
    expect(await tab.isHidden('#upload')).toBe(true);
  });
});
