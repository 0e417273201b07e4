import { createHash, randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  createS3Client,
  S3FileStorage,
  StorageLimitExceededError,
  StoredObjectNotFoundError,
} from '../../../src/modules/files';
import { createTestApp, TestApp } from '../../support/test-app';
import {
  ensureOrganization,
  fixtureBytes,
  memberToken,
  ROMASHKA,
  uniqueWeek,
  uploadReport,
  waitForFinalReport,
} from '../../support/report-fixtures';
import { LocalS3, startLocalS3 } from './s3-server';

const MiB = 1024 * 1024;

/** `total` bytes of random data in 256 KiB chunks, hashed as they are produced. */
function randomStream(total: number): { stream: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  let left = total;
  const stream = new Readable({
    read() {
      if (left === 0) {
        this.push(null);
        return;
      }
      const chunk = randomBytes(Math.min(left, 256 * 1024));
      left -= chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, sha256: () => hash.digest('hex') };
}

/** Records the name of every command the client sends. */
function recordCommands(client: S3Client): string[] {
  const names: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      names.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'recordCommandNames' },
  );
  return names;
}

describe('s3 storage driver against a local S3-protocol server', () => {
  let s3: LocalS3;
  let client: S3Client;
  let storage: S3FileStorage;
  let commands: string[];

  beforeAll(async () => {
    s3 = await startLocalS3();
    client = createS3Client(s3.settings);
    commands = recordCommands(client);
    storage = new S3FileStorage(client, s3.bucket, {
      partSizeBytes: s3.settings.partSizeBytes,
      queueSize: s3.settings.queueSize,
    });
  });

  afterAll(async () => {
    storage.close();
    await s3.stop();
  });

  beforeEach(() => {
    commands.length = 0;
  });

  it('should put a 12 MiB stream as a multipart upload, read it back whole and delete it', async () => {
    const source = randomStream(12 * MiB);
    const stored = await storage.putStream('big/upload.bin', source.stream);
    const expected = source.sha256();
    expect(stored).toEqual({ size: 12 * MiB, sha256: expected });
    // 5 MiB parts: 5 + 5 + 2.
    expect(commands).toEqual([
      'CreateMultipartUploadCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'CompleteMultipartUploadCommand',
    ]);

    expect(await storage.exists('big/upload.bin')).toBe(true);
    const read = await buffer(await storage.openRead('big/upload.bin'));
    expect(read.length).toBe(12 * MiB);
    expect(createHash('sha256').update(read).digest('hex')).toBe(expected);

    const local = await storage.materialize('big/upload.bin');
    expect((await stat(local.path)).size).toBe(12 * MiB);
    expect(
      createHash('sha256')
        .update(await readFile(local.path))
        .digest('hex'),
    ).toBe(expected);
    await local.release();
    await expect(stat(local.path)).rejects.toMatchObject({ code: 'ENOENT' });

    await storage.delete('big/upload.bin');
    expect(await storage.exists('big/upload.bin')).toBe(false);
  });

  it('should send a small object in one PUT and replace it under the same key', async () => {
    await storage.putStream('small/k.txt', Readable.from([Buffer.from('old')]));
    await storage.putStream('small/k.txt', Readable.from([Buffer.from('новое')]));
    expect(commands).toEqual(['PutObjectCommand', 'PutObjectCommand']);
    expect((await buffer(await storage.openRead('small/k.txt'))).toString()).toBe('новое');
  });

  it('should refuse a stream that passes maxBytes after several parts and leave no object', async () => {
    const source = randomStream(13 * MiB);
    await expect(
      storage.putStream('big/too-big.bin', source.stream, { maxBytes: 11 * MiB }),
    ).rejects.toBeInstanceOf(StorageLimitExceededError);
    expect(commands).toContain('CreateMultipartUploadCommand');
    expect(commands).toContain('AbortMultipartUploadCommand');
    expect(commands).not.toContain('CompleteMultipartUploadCommand');
    expect(await storage.exists('big/too-big.bin')).toBe(false);
  });

  it('should answer a missing object with the port not-found error, and delete it idempotently', async () => {
    await expect(storage.openRead('missing/none.xlsx')).rejects.toBeInstanceOf(
      StoredObjectNotFoundError,
    );
    await expect(storage.materialize('missing/none.xlsx')).rejects.toBeInstanceOf(
      StoredObjectNotFoundError,
    );
    expect(await storage.exists('missing/none.xlsx')).toBe(false);
    await expect(storage.delete('missing/none.xlsx')).resolves.toBeUndefined();
  });

  describe('the app with STORAGE_DRIVER=s3', () => {
    const saved: Record<string, string | undefined> = {};
    let t: TestApp;
    let token: string;

    beforeAll(async () => {
      for (const [key, value] of Object.entries(s3.env)) {
        saved[key] = process.env[key];
        process.env[key] = value;
      }
      // Nothing may reach the local directory: point it somewhere that does not exist.
      saved.STORAGE_DIR = process.env.STORAGE_DIR;
      process.env.STORAGE_DIR = `var/test-storage/unused-${randomBytes(4).toString('hex')}`;
      t = await createTestApp();
      const organizationId = await ensureOrganization(t.dataSource, ROMASHKA);
      token = (await memberToken(t, organizationId, 'HEAD')).token;
    });

    afterAll(async () => {
      await t?.close();
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) {
          delete process.env[key];
        } else {
          process.env[key] = value;
        }
      }
    });

    it('should keep the upload and the result workbook in the bucket and serve both', async () => {
      const bytes = fixtureBytes();
      const res = await uploadReport(t, token, bytes, { week: uniqueWeek() });
      expect(res.errors).toBeUndefined();
      const submitted = res.data!.submitRemoteWorkReport;
      const report = await waitForFinalReport(t, token, submitted.id as string);
      expect(report).toMatchObject({ status: 'PARTIALLY_ACCEPTED', rowsAccepted: 6 });

      const keys = async () =>
        (
          await t.dataSource.query<{ original_key: string; result_key: string | null }[]>(
            'SELECT original_key, result_key FROM remote_work_reports WHERE id = ?',
            [submitted.id],
          )
        )[0];
      const before = await keys();
      const original = await buffer(await storage.openRead(before.original_key));
      expect(original.equals(bytes)).toBe(true);
      // The result workbook is rendered on its first download, then kept in the bucket.
      expect(before.result_key).toBeNull();

      const download = async (url: string) => {
        const response = await fetch(url.replace(/^https?:\/\/[^/]+/, t.url), {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(response.status).toBe(200);
        return Buffer.from(await response.arrayBuffer());
      };
      expect((await download(report.originalFileUrl as string)).equals(bytes)).toBe(true);
      const served = await download(report.resultFileUrl as string);
      const after = await keys();
      expect(after.result_key).toMatch(new RegExp(`/${String(submitted.id)}\\.result\\.xlsx$`));
      const result = await buffer(await storage.openRead(after.result_key as string));
      expect(served.equals(result)).toBe(true);
      expect((await download(report.resultFileUrl as string)).equals(result)).toBe(true);
      // A zip (xlsx) the worker wrote, not the upload echoed back.
      expect(served.subarray(0, 2).toString()).toBe('PK');
      expect(served.equals(bytes)).toBe(false);
      await expect(stat(process.env.STORAGE_DIR!)).rejects.toMatchObject({ code: 'ENOENT' });
    });
  });
});
