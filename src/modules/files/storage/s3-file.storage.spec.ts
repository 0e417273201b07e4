import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { validateEnv } from '../../../config/env.schema';
import {
  InvalidStorageKeyError,
  StorageLimitExceededError,
  StoredObjectNotFoundError,
} from './file-storage';
import { createFileStorage } from './file-storage.factory';
import { LocalFileStorage } from './local-file.storage';
import { S3FileStorage } from './s3-file.storage';

type Command = { constructor: { name: string }; input: Record<string, unknown> };

// A real client (the upload helper needs its endpoint configuration) whose every request goes
// to the test's handler, which fails on anything it does not expect.
function fakeClient(handle: (command: Command) => Promise<unknown>) {
  const sent: Command[] = [];
  const client = new S3Client({
    endpoint: 'http://127.0.0.1:9',
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
  });
  jest.spyOn(client, 'send').mockImplementation(((command: Command) => {
    sent.push(command);
    return handle(command);
  }) as never);
  return { client, sent };
}

const OPTIONS = { partSizeBytes: 5 * 1024 * 1024, queueSize: 2 };

function notFound(kind: 'get' | 'head'): S3ServiceException {
  const meta = { $metadata: { httpStatusCode: 404 }, message: 'missing' };
  return kind === 'get' ? new NoSuchKey(meta) : new NotFound(meta);
}

describe(S3FileStorage.name, () => {
  it('should send a small stream in one PUT and report its size and SHA-256', async () => {
    let body: Buffer | undefined;
    const { client, sent } = fakeClient((command) => {
      if (command instanceof PutObjectCommand) {
        body = Buffer.from(command.input.Body as Uint8Array);
        return Promise.resolve({ ETag: '"e"' });
      }
      return Promise.reject(new Error(`unexpected ${command.constructor.name}`));
    });
    const storage = new S3FileStorage(client, 'bucket', OPTIONS);
    const stored = await storage.putStream('a/b.xlsx', Readable.from([Buffer.from('при'), 'вет']));
    expect(stored).toEqual({
      size: Buffer.byteLength('привет'),
      sha256: createHash('sha256').update('привет').digest('hex'),
    });
    expect(body?.toString()).toBe('привет');
    expect(sent.map((c) => c.input.Key)).toEqual(['a/b.xlsx']);
    expect(sent[0].input.Bucket).toBe('bucket');
  });

  it('should refuse a stream over maxBytes with the limit error and store nothing', async () => {
    const { client, sent } = fakeClient(() => Promise.reject(new Error('must not be sent')));
    const storage = new S3FileStorage(client, 'bucket', OPTIONS);
    await expect(
      storage.putStream('big.bin', Readable.from([Buffer.alloc(6), Buffer.alloc(6)]), {
        maxBytes: 10,
      }),
    ).rejects.toBeInstanceOf(StorageLimitExceededError);
    expect(sent).toEqual([]);
  });

  it('should surface the store failure and stop reading the source', async () => {
    const { client } = fakeClient(() => Promise.reject(new Error('store unavailable')));
    const storage = new S3FileStorage(client, 'bucket', OPTIONS);
    const source = Readable.from([Buffer.from('x')]);
    await expect(storage.putStream('k.bin', source)).rejects.toThrow('store unavailable');
  });

  it('should map a missing object to StoredObjectNotFoundError and to exists() = false', async () => {
    const { client, sent } = fakeClient((command) =>
      Promise.reject(notFound(command instanceof HeadObjectCommand ? 'head' : 'get')),
    );
    const storage = new S3FileStorage(client, 'bucket', OPTIONS);
    await expect(storage.openRead('gone.xlsx')).rejects.toBeInstanceOf(StoredObjectNotFoundError);
    await expect(storage.materialize('gone.xlsx')).rejects.toBeInstanceOf(
      StoredObjectNotFoundError,
    );
    expect(await storage.exists('gone.xlsx')).toBe(false);
    expect(sent.map((c) => c.constructor.name)).toEqual([
      GetObjectCommand.name,
      GetObjectCommand.name,
      HeadObjectCommand.name,
    ]);
  });

  it('should pass other store errors through unchanged', async () => {
    const denied = new S3ServiceException({
      name: 'AccessDenied',
      $fault: 'client',
      $metadata: { httpStatusCode: 403 },
      message: 'denied',
    });
    const { client } = fakeClient(() => Promise.reject(denied));
    const storage = new S3FileStorage(client, 'bucket', OPTIONS);
    await expect(storage.openRead('k.xlsx')).rejects.toBe(denied);
    await expect(storage.exists('k.xlsx')).rejects.toBe(denied);
  });

  it('should copy the object into a temporary file and remove it on release', async () => {
    const { client } = fakeClient((command) =>
      command instanceof GetObjectCommand
        ? Promise.resolve({ Body: Readable.from([Buffer.from('workbook bytes')]) })
        : Promise.reject(new Error(`unexpected ${command.constructor.name}`)),
    );
    const storage = new S3FileStorage(client, 'bucket', OPTIONS);
    const local = await storage.materialize('r/original.xlsx');
    expect(await readFile(local.path, 'utf8')).toBe('workbook bytes');
    await local.release();
    expect(existsSync(local.path)).toBe(false);
  });

  it('should stream the body of a stored object and delete by key', async () => {
    const { client, sent } = fakeClient((command) => {
      if (command instanceof GetObjectCommand) {
        return Promise.resolve({ Body: Readable.from([Buffer.from('data')]) });
      }
      if (command instanceof DeleteObjectCommand) {
        return Promise.resolve({});
      }
      return Promise.reject(new Error(`unexpected ${command.constructor.name}`));
    });
    const storage = new S3FileStorage(client, 'bucket', OPTIONS);
    expect((await buffer(await storage.openRead('x/y.txt'))).toString()).toBe('data');
    await storage.delete('x/y.txt');
    expect(sent.at(-1)).toBeInstanceOf(DeleteObjectCommand);
    expect(sent.at(-1)?.input).toEqual({ Bucket: 'bucket', Key: 'x/y.txt' });
  });

  it.each(['', '/abs', '../x', 'a/../b', '.incoming/x'])(
    'should refuse the key %j before any request',
    async (key) => {
      const { client, sent } = fakeClient(() => Promise.reject(new Error('must not be sent')));
      const storage = new S3FileStorage(client, 'bucket', OPTIONS);
      await expect(storage.putStream(key, Readable.from(['x']))).rejects.toBeInstanceOf(
        InvalidStorageKeyError,
      );
      await expect(storage.openRead(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(storage.exists(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
      expect(sent).toEqual([]);
    },
  );
});

describe('storage configuration', () => {
  it('should name S3_BUCKET in one line when the s3 driver has no bucket', () => {
    expect(() => validateEnv({ NODE_ENV: 'test', STORAGE_DRIVER: 's3' })).toThrow(
      /^Invalid environment: S3_BUCKET \(S3_BUCKET is required when STORAGE_DRIVER=s3\)$/,
    );
  });

  it('should require both static credentials or neither', () => {
    expect(() =>
      validateEnv({
        NODE_ENV: 'test',
        STORAGE_DRIVER: 's3',
        S3_BUCKET: 'b',
        S3_ACCESS_KEY_ID: 'id',
      }),
    ).toThrow(/S3_SECRET_ACCESS_KEY is required when S3_ACCESS_KEY_ID is set/);
    expect(() =>
      validateEnv({
        NODE_ENV: 'test',
        STORAGE_DRIVER: 's3',
        S3_BUCKET: 'b',
        S3_SECRET_ACCESS_KEY: 'secret',
      }),
    ).toThrow(/S3_ACCESS_KEY_ID is required when S3_SECRET_ACCESS_KEY is set/);
  });

  it('should refuse an unknown driver and a part size below the S3 minimum', () => {
    expect(() => validateEnv({ NODE_ENV: 'test', STORAGE_DRIVER: 'ftp' })).toThrow(
      /STORAGE_DRIVER/,
    );
    expect(() =>
      validateEnv({ NODE_ENV: 'test', STORAGE_DRIVER: 's3', S3_BUCKET: 'b', S3_PART_SIZE_MB: '4' }),
    ).toThrow(/S3_PART_SIZE_MB/);
  });

  it('should ignore the S3 variables while the driver is local', () => {
    const env = validateEnv({ NODE_ENV: 'test', S3_ACCESS_KEY_ID: 'id' });
    expect(env.STORAGE_DRIVER).toBe('local');
    expect(env.S3_BUCKET).toBeUndefined();
  });

  it('should build the driver STORAGE_DRIVER names', () => {
    const s3 = {
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'kabinet',
      region: 'us-east-1',
      accessKeyId: 'id',
      secretAccessKey: 'secret',
      forcePathStyle: true,
      partSizeBytes: OPTIONS.partSizeBytes,
      queueSize: 2,
    };
    expect(createFileStorage({ driver: 'local', dir: 'var/x', s3 })).toBeInstanceOf(
      LocalFileStorage,
    );
    const storage = createFileStorage({ driver: 's3', dir: 'var/x', s3 });
    expect(storage).toBeInstanceOf(S3FileStorage);
    (storage as S3FileStorage).close();
    expect(() => createFileStorage({ driver: 's3', dir: 'var/x' })).toThrow(/S3_BUCKET/);
  });
});
