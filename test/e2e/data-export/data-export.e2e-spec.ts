import { Workbook } from 'exceljs';
import * as yauzl from 'yauzl';
import type { DataSource } from 'typeorm';
import type { FileStorage } from '../../../src/modules/files';
import { DataExportClock } from '../../../src/modules/data-export/data-export.clock';
import { waitForQueueIdle } from '../../support/test-app';
import { signTestToken } from '../../support/tokens';
import {
  Account,
  AuthHarness,
  errorOf,
  registerAccount,
  startAuthApp,
} from '../auth/auth-e2e.helpers';

const EXPORT_FIELDS = 'id status requestedAt readyAt downloadUrl expiresAt';
const REQUEST = `mutation { requestMyDataExport { ${EXPORT_FIELDS} } }`;
const MINE = `{ myDataExport { ${EXPORT_FIELDS} } }`;
const ACCESS_LOG = `{ myDataAccessLog(first: 50) { edges { node { actor action fields purpose } } } }`;
const DELETE = 'mutation($password: String!) { deleteAccount(password: $password) }';
const ADD_VEHICLE = `mutation($plate: String!) { addVehicle(input: { plate: $plate }) { id plate } }`;
const UPDATE_PROFILE = `mutation($address: String!) {
  updateProfile(input: { address: $address }) { id }
}`;
const HOUR = 3600 * 1000;

// Worker-side classes are loaded once the app is up: imported first, their GraphQL enums would
// land in the type metadata storage the harness empties before it boots the app.
type Storage = typeof import('../../../src/modules/files/storage/index');
type Sweeper = typeof import('../../../src/modules/data-export/jobs/data-export.sweeper');
type Builder = typeof import('../../../src/modules/data-export/jobs/data-export-builder.service');
function lateImport<T>(path: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path) as T;
}

interface Export {
  id: string;
  status: string;
  requestedAt: string;
  readyAt: string | null;
  downloadUrl: string | null;
  expiresAt: string | null;
}

/** Every entry of a ZIP: name → content. */
function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) {
        return reject(error ?? new Error('no zip'));
      }
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) {
            return reject(e ?? new Error('no stream'));
          }
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('requestMyDataExport', () => {
  let h: AuthHarness;
  let db: DataSource;
  let clock: DataExportClock;
  let clockSpy: jest.SpyInstance<Date, []> | undefined;

  beforeAll(async () => {
    h = await startAuthApp();
    db = h.t.dataSource;
    clock = h.t.app.get(DataExportClock, { strict: false });
  });

  afterEach(() => {
    clockSpy?.mockRestore();
    clockSpy = undefined;
  });

  afterAll(async () => {
    await h?.close();
  });

  /** Moves the module's clock to `at` (the default clock reads the real time). */
  function setNow(at: Date): void {
    clockSpy?.mockRestore();
    clockSpy = jest.spyOn(clock, 'now').mockImplementation(() => new Date(at));
  }

  async function readyExport(account: Account): Promise<Export> {
    const requested = (await h.gql.ok(REQUEST, {}, { token: account.accessToken }))
      .requestMyDataExport as Export;
    await waitForQueueIdle(h.t.app, 'data-exports');
    const mine = (await h.gql.ok(MINE, {}, { token: account.accessToken })).myDataExport as Export;
    expect(mine).toMatchObject({ id: requested.id, status: 'READY' });
    return mine;
  }

  // Links are built on PUBLIC_URL; the test app listens on a port of its own.
  function download(url: string, token?: string): Promise<Response> {
    return fetch(url.replace(/^https?:\/\/[^/]+/, h.t.url), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  }

  async function counts(userId: string): Promise<{ exports: number; logged: number }> {
    const [row] = await db.query(
      `SELECT (SELECT COUNT(*) FROM data_exports WHERE user_id = ?) AS exports,
              (SELECT COUNT(*) FROM data_access_log WHERE subject_user_id = ? AND action = 'EXPORT') AS logged`,
      [userId, userId],
    );
    return { exports: Number(row.exports), logged: Number(row.logged) };
  }

  it('should build a ZIP of everything held, with JSON per kind and a readable workbook', async () => {
    const a = await registerAccount(h);
    const token = a.accessToken;
    await h.gql.ok(ADD_VEHICLE, { plate: 'А123ВС77' }, { token });
    await h.gql.ok(UPDATE_PROFILE, { address: 'г. Москва, ул. Тверская, д. 1' }, { token });

    const first = (await h.gql.ok(REQUEST, {}, { token })).requestMyDataExport as Export;
    expect(first).toMatchObject({ status: 'QUEUED', downloadUrl: null, expiresAt: null });
    const again = (await h.gql.ok(REQUEST, {}, { token })).requestMyDataExport as Export;
    expect(again.id).toBe(first.id);
    expect(await counts(a.userId)).toEqual({ exports: 1, logged: 1 });

    await waitForQueueIdle(h.t.app, 'data-exports');
    const ready = (await h.gql.ok(MINE, {}, { token })).myDataExport as Export;
    expect(ready.status).toBe('READY');
    expect(new Date(ready.expiresAt!).getTime() - new Date(ready.readyAt!).getTime()).toBe(
      24 * HOUR,
    );
    expect(ready.downloadUrl).toMatch(
      new RegExp(`/files/data-exports/${ready.id}\\?expires=\\d+&signature=[\\w-]+$`),
    );
    // Asked again while downloadable: the same export.
    const third = (await h.gql.ok(REQUEST, {}, { token })).requestMyDataExport as Export;
    expect(third).toMatchObject({ id: first.id, status: 'READY' });

    const res = await download(ready.downloadUrl!, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const files = await unzip(Buffer.from(await res.arrayBuffer()));
    expect([...files.keys()].sort()).toEqual(
      [
        'account.json',
        'applications.json',
        'children.json',
        'data-access-log.json',
        'documents.json',
        'federated-identities.json',
        'invitations.json',
        'memberships.json',
        'my-data.xlsx',
        'notifications.json',
        'profile.json',
        'sessions.json',
        'subscriptions.json',
        'vehicles.json',
        'widgets.json',
      ].sort(),
    );
    const json = (name: string) =>
      JSON.parse(files.get(name)!.toString('utf8')) as { records: Record<string, unknown>[] };
    expect(json('account.json').records).toEqual([
      expect.objectContaining({ id: a.userId, phone: a.phone, lastName: a.lastName }),
    ]);
    const accountText = files.get('account.json')!.toString('utf8');
    expect(accountText).not.toMatch(/hash/i);
    expect(json('vehicles.json').records).toEqual([expect.objectContaining({ plate: 'А123ВС77' })]);
    expect(json('profile.json').records[0]).toMatchObject({
      address: 'г. Москва, ул. Тверская, д. 1',
    });
    expect(json('sessions.json').records.length).toBeGreaterThan(0);
    expect(json('data-access-log.json').records).toContainEqual(
      expect.objectContaining({ actor: 'Вы', action: 'EXPORT' }),
    );

    const workbook = new Workbook();
    await workbook.xlsx.load(files.get('my-data.xlsx')! as unknown as ArrayBuffer);
    const vehicles = workbook.getWorksheet('Транспорт')!;
    expect(vehicles.getRow(1).getCell(2).value).toBe('plate');
    expect(vehicles.getRow(2).getCell(2).value).toBe('А123ВС77');
    expect(workbook.getWorksheet('Сводка')!.getRow(1).getCell(1).value).toBe('Данные');

    // The request and the download are both in the person's access log.
    const log = await h.gql.ok(ACCESS_LOG, {}, { token });
    const nodes = log.myDataAccessLog.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(nodes).toContainEqual(
      expect.objectContaining({
        actor: 'Вы',
        action: 'EXPORT',
        purpose: expect.stringContaining('152-ФЗ'),
        fields: expect.arrayContaining(['documents', 'vehicles', 'dataAccessLog']),
      }),
    );
    expect(nodes[0]).toMatchObject({ action: 'READ', purpose: 'Скачивание выгрузки данных' });
  });

  it('should refuse the download to anyone but the owner, and without a valid link', async () => {
    const a = await registerAccount(h);
    const b = await registerAccount(h);
    const ready = await readyExport(a);
    const url = new URL(ready.downloadUrl!);

    const anonymous = await download(url.href);
    expect(anonymous.status).toBe(401);
    const other = await download(url.href, b.accessToken);
    expect(other.status).toBe(404);
    expect(((await other.json()) as { error: unknown }).error).toMatchObject({
      subCode: 'DATA_EXPORT_NOT_FOUND',
    });

    const tampered = new URL(url.href);
    tampered.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    const longer = await download(tampered.href, a.accessToken);
    expect(longer.status).toBe(403);
    expect(((await longer.json()) as { error: unknown }).error).toMatchObject({
      subCode: 'DATA_EXPORT_LINK_INVALID',
    });

    const bare = await download(`${url.origin}${url.pathname}`, a.accessToken);
    expect(bare.status).toBe(403);
    expect(((await bare.json()) as { error: unknown }).error).toMatchObject({
      subCode: 'DATA_EXPORT_LINK_INVALID',
    });
    const garbage = await download(
      `${url.origin}/files/data-exports/not-an-id?expires=1&signature=x`,
      a.accessToken,
    );
    expect(garbage.status).toBe(404);

    // A student session of the owner's account is not the owner.
    const [child] = await db.query('SELECT UUID() AS id');
    await db.query(
      `INSERT INTO children (id, parent_user_id, last_name, first_name, birth_date, created_at)
       VALUES (?, ?, 'Тестов', 'Петя', '2014-01-01', NOW(3))`,
      [child.id, a.userId],
    );
    const pupil = await signTestToken(h.t.app, { sub: a.userId, child: child.id });
    expect((await download(url.href, pupil)).status).toBe(403);
    expect(errorOf(await h.gql.request(REQUEST, {}, { token: pupil })).code).toBe('FORBIDDEN');
    expect(errorOf(await h.gql.request(REQUEST, {})).code).toBe('UNAUTHENTICATED');

    // The owner's own link works.
    expect((await download(url.href, a.accessToken)).status).toBe(200);
  });

  it('should refuse an expired link, and end the export after 24 hours', async () => {
    const a = await registerAccount(h);
    const ready = await readyExport(a);
    const readyAt = new Date(ready.readyAt!);

    // The signed link itself lives minutes.
    setNow(new Date(readyAt.getTime() + 10 * 60 * 1000));
    const stale = await download(ready.downloadUrl!, a.accessToken);
    expect(stale.status).toBe(403);
    expect(((await stale.json()) as { error: unknown }).error).toMatchObject({
      subCode: 'DATA_EXPORT_LINK_EXPIRED',
    });
    // A fresh one comes with the next read.
    const fresh = (await h.gql.ok(MINE, {}, { token: a.accessToken })).myDataExport as Export;
    expect(fresh.downloadUrl).not.toBe(ready.downloadUrl);
    expect((await download(fresh.downloadUrl!, a.accessToken)).status).toBe(200);

    // Close to the end of the 24 hours the link is cut at the export's end...
    setNow(new Date(readyAt.getTime() + 24 * HOUR - 1000));
    const last = (await h.gql.ok(MINE, {}, { token: a.accessToken })).myDataExport as Export;
    expect(Number(new URL(last.downloadUrl!).searchParams.get('expires'))).toBe(
      Math.floor(new Date(ready.expiresAt!).getTime() / 1000),
    );
    // ...and after it nothing opens, and the sweeper deletes the archive.
    setNow(new Date(readyAt.getTime() + 24 * HOUR + 1000));
    const gone = await download(last.downloadUrl!, a.accessToken);
    expect(gone.status).toBe(403);
    const expired = (await h.gql.ok(MINE, {}, { token: a.accessToken })).myDataExport as Export;
    expect(expired).toMatchObject({ status: 'EXPIRED', downloadUrl: null, expiresAt: null });
    const { DataExportSweeper } = lateImport<Sweeper>(
      '../../../src/modules/data-export/jobs/data-export.sweeper',
    );
    const { FILE_STORAGE } = lateImport<Storage>('../../../src/modules/files');
    const [{ storage_key: key }] = await db.query(
      'SELECT storage_key FROM data_exports WHERE id = ?',
      [ready.id],
    );
    const storage = h.t.app.get<FileStorage>(FILE_STORAGE, { strict: false });
    expect(await storage.exists(key)).toBe(true);
    await h.t.app.get(DataExportSweeper, { strict: false }).run(clock.now());
    expect(await storage.exists(key)).toBe(false);
    const [row] = await db.query('SELECT status, storage_key FROM data_exports WHERE id = ?', [
      ready.id,
    ]);
    expect(row).toEqual({ status: 'EXPIRED', storage_key: null });

    // A day after the request a new export may be made.
    const next = (await h.gql.ok(REQUEST, {}, { token: a.accessToken }))
      .requestMyDataExport as Export;
    expect(next.id).not.toBe(ready.id);
    expect(next.status).toBe('QUEUED');
    await waitForQueueIdle(h.t.app, 'data-exports');
  });

  it('should refuse a second export the same day, changing nothing', async () => {
    const a = await registerAccount(h);
    // The build fails on every attempt: the export ends FAILED and still counts for the day.
    const { DataExportBuilder } = lateImport<Builder>(
      '../../../src/modules/data-export/jobs/data-export-builder.service',
    );
    const builder = h.t.app.get(DataExportBuilder, { strict: false });
    const broken = jest.spyOn(builder, 'build').mockRejectedValue(new Error('storage down'));
    let first: Export;
    try {
      first = (await h.gql.ok(REQUEST, {}, { token: a.accessToken })).requestMyDataExport as Export;
      await waitForQueueIdle(h.t.app, 'data-exports', 30_000);
    } finally {
      broken.mockRestore();
    }
    const failed = (await h.gql.ok(MINE, {}, { token: a.accessToken })).myDataExport as Export;
    expect(failed).toMatchObject({ id: first.id, status: 'FAILED', downloadUrl: null });
    const before = await counts(a.userId);

    setNow(new Date(new Date(first.requestedAt).getTime() + 23 * HOUR));
    const refused = await h.gql.request(REQUEST, {}, { token: a.accessToken });
    expect(errorOf(refused)).toMatchObject({
      code: 'CONFLICT',
      subCode: 'DATA_EXPORT_DAILY_LIMIT',
      retryAfterSeconds: 3600,
    });
    expect(refused.errors![0].message).toMatch(/один раз в сутки/);
    expect(await counts(a.userId)).toEqual(before);

    setNow(new Date(new Date(first.requestedAt).getTime() + 24 * HOUR + 1));
    const next = (await h.gql.ok(REQUEST, {}, { token: a.accessToken }))
      .requestMyDataExport as Export;
    expect(next.status).toBe('QUEUED');
    expect(await counts(a.userId)).toEqual({ exports: 2, logged: 2 });
    await waitForQueueIdle(h.t.app, 'data-exports');
  });

  it('should build an export whose job was lost once the sweeper runs', async () => {
    const a = await registerAccount(h);
    // A request committed whose enqueue never happened (the process died in between).
    const [{ id }] = await db.query('SELECT UUID() AS id');
    await db.query(
      `INSERT INTO data_exports (id, user_id, status, requested_at, updated_at)
       VALUES (?, ?, 'QUEUED', NOW(3), NOW(3))`,
      [id, a.userId],
    );
    const { DataExportSweeper } = lateImport<Sweeper>(
      '../../../src/modules/data-export/jobs/data-export.sweeper',
    );
    const sweeper = h.t.app.get(DataExportSweeper, { strict: false });
    expect(await sweeper.run(new Date())).toMatchObject({ requeued: 1 });
    await waitForQueueIdle(h.t.app, 'data-exports');
    const mine = (await h.gql.ok(MINE, {}, { token: a.accessToken })).myDataExport as Export;
    expect(mine).toMatchObject({ id, status: 'READY' });
    // Nothing left to re-queue: a second run does nothing.
    expect(await sweeper.run(new Date())).toMatchObject({ requeued: 0 });
  });

  it("should delete an account's exports and their archives with it", async () => {
    const a = await registerAccount(h);
    await readyExport(a);
    const rows: { storage_key: string }[] = await db.query(
      'SELECT storage_key FROM data_exports WHERE user_id = ?',
      [a.userId],
    );
    const { FILE_STORAGE } = lateImport<Storage>('../../../src/modules/files');
    const storage = h.t.app.get<FileStorage>(FILE_STORAGE, { strict: false });
    expect(await storage.exists(rows[0].storage_key)).toBe(true);

    expect(
      (await h.gql.ok(DELETE, { password: a.password }, { token: a.accessToken })).deleteAccount,
    ).toBe(true);
    expect(await db.query('SELECT id FROM data_exports WHERE user_id = ?', [a.userId])).toEqual([]);
    expect(await storage.exists(rows[0].storage_key)).toBe(false);
  });
});
