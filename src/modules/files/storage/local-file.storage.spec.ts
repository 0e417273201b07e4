import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import {
  InvalidStorageKeyError,
  StorageLimitExceededError,
  StoredObjectNotFoundError,
} from './file-storage';
import type { FileHandle } from 'node:fs/promises';
import { LocalFileStorage, writeFully } from './local-file.storage';

function chunks(...parts: string[]): Readable {
  return Readable.from(parts.map((p) => Buffer.from(p)));
}

describe(LocalFileStorage.name, () => {
  let root: string;
  let storage: LocalFileStorage;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'kabinet-storage-'));
    storage = new LocalFileStorage(root);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('should store a stream and report its size and SHA-256 computed on the way', async () => {
    const stored = await storage.putStream('a/b/file.xlsx', chunks('при', 'вет'));
    expect(stored).toEqual({
      size: Buffer.byteLength('привет'),
      sha256: createHash('sha256').update('привет').digest('hex'),
    });
    expect(await storage.exists('a/b/file.xlsx')).toBe(true);
    expect(await text(await storage.openRead('a/b/file.xlsx'))).toBe('привет');
  });

  it('should store a stream larger than one write, in order, and flush it', async () => {
    // 40 chunks of 16 KiB: more than one batch of writes, the last one partial.
    const parts = Array.from({ length: 40 }, (_, i) => Buffer.alloc(16 * 1024, i));
    const whole = Buffer.concat(parts);
    const stored = await storage.putStream('big/many.bin', Readable.from(parts));
    expect(stored).toEqual({
      size: whole.length,
      sha256: createHash('sha256').update(whole).digest('hex'),
    });
    const read = await storage.openRead('big/many.bin');
    const back: Buffer[] = [];
    for await (const chunk of read) {
      back.push(chunk as Buffer);
    }
    expect(Buffer.concat(back).equals(whole)).toBe(true);
    expect(await readdir(join(root, '.incoming'))).toEqual([]);
  });

  it('should refuse a large stream over maxBytes after writing part of it, and leave nothing', async () => {
    const parts = Array.from({ length: 40 }, () => Buffer.alloc(16 * 1024, 7));
    await expect(
      storage.putStream('big/over.bin', Readable.from(parts), { maxBytes: 500 * 1024 }),
    ).rejects.toBeInstanceOf(StorageLimitExceededError);
    expect(await storage.exists('big/over.bin')).toBe(false);
    expect(await readdir(join(root, '.incoming'))).toEqual([]);
  });

  it('should store again after its folders were removed behind its back', async () => {
    await storage.putStream('org/first.xlsx', chunks('1'));
    await rm(join(root, 'org'), { recursive: true });
    await storage.putStream('org/second.xlsx', chunks('2'));
    await rm(root, { recursive: true });
    await storage.putStream('org/third.xlsx', chunks('3'));
    expect(await text(await storage.openRead('org/third.xlsx'))).toBe('3');
    expect(await storage.exists('org/second.xlsx')).toBe(false);
  });

  it('should replace an object stored under the same key', async () => {
    await storage.putStream('k.txt', chunks('old'));
    await storage.putStream('k.txt', chunks('new'));
    expect(await text(await storage.openRead('k.txt'))).toBe('new');
  });

  it('should refuse a stream over maxBytes and leave nothing behind', async () => {
    await expect(
      storage.putStream('big.bin', chunks('12345', '67890', 'x'), { maxBytes: 10 }),
    ).rejects.toBeInstanceOf(StorageLimitExceededError);
    expect(await storage.exists('big.bin')).toBe(false);
    expect(await readdir(join(root, '.incoming'))).toEqual([]);
  });

  it('should remove the partial file when the source fails mid-way', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.from('part'));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(storage.putStream('broken.bin', failing)).rejects.toThrow('client went away');
    expect(await storage.exists('broken.bin')).toBe(false);
    expect(await readdir(join(root, '.incoming'))).toEqual([]);
  });

  it('should accept exactly maxBytes', async () => {
    const stored = await storage.putStream('edge.bin', chunks('1234567890'), { maxBytes: 10 });
    expect(stored.size).toBe(10);
  });

  it('should say NotFound for a missing object and delete idempotently', async () => {
    await expect(storage.openRead('missing.txt')).rejects.toBeInstanceOf(StoredObjectNotFoundError);
    await expect(storage.materialize('missing.txt')).rejects.toBeInstanceOf(
      StoredObjectNotFoundError,
    );
    await storage.putStream('gone.txt', chunks('x'));
    await storage.delete('gone.txt');
    await storage.delete('gone.txt');
    expect(await storage.exists('gone.txt')).toBe(false);
  });

  it('should hand out the stored file itself as the local copy', async () => {
    await storage.putStream('m/file.txt', chunks('data'));
    const local = await storage.materialize('m/file.txt');
    expect(local.path).toBe(join(root, 'm', 'file.txt'));
    await local.release();
    expect(await storage.exists('m/file.txt')).toBe(true);
  });

  it.each(['', '/etc/passwd', '../x', 'a/../b', 'a//b', '.incoming/x', 'a/.hidden', 'a\\b'])(
    'should refuse the key %j',
    async (key) => {
      await expect(storage.putStream(key, chunks('x'))).rejects.toBeInstanceOf(
        InvalidStorageKeyError,
      );
      await expect(storage.exists(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    },
  );
});

describe(writeFully.name, () => {
  it('should write what a short write left over, until every byte is written', async () => {
    const written: Buffer[] = [];
    // The system takes 3 bytes of the vectored write, then at most 2 bytes a call.
    const handle = {
      writev: (chunks: Buffer[]) => {
        written.push(Buffer.concat(chunks).subarray(0, 3));
        return Promise.resolve({ bytesWritten: 3 });
      },
      write: (buffer: Buffer, offset: number) => {
        const part = buffer.subarray(offset, offset + 2);
        written.push(part);
        return Promise.resolve({ bytesWritten: part.length });
      },
    } as unknown as FileHandle;
    await writeFully(handle, [Buffer.from('hel'), Buffer.from('lo, '), Buffer.from('world')], 12);
    expect(Buffer.concat(written).toString()).toBe('hello, world');
  });
});
