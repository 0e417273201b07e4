import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { CapacitorPool, MemoryFirstCapacitor } from './upload-capacitor';

function collect(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function writeInChunks(capacitor: MemoryFirstCapacitor, bytes: Buffer, size: number) {
  for (let at = 0; at < bytes.length; at += size) {
    await new Promise<void>((resolve, reject) =>
      capacitor.write(bytes.subarray(at, at + size), (e) => (e ? reject(e) : resolve())),
    );
    await tick();
  }
  await new Promise<void>((resolve) => capacitor.end(resolve));
}

describe('MemoryFirstCapacitor', () => {
  it('keeps a small file in memory and gives every reader all of it', async () => {
    const pool = new CapacitorPool({ perFile: 1024, total: 4096 });
    const capacitor = pool.create() as MemoryFirstCapacitor;
    const bytes = randomBytes(700);
    const early = collect(capacitor.createReadStream());
    await writeInChunks(capacitor, bytes, 64);
    const late = collect(capacitor.createReadStream());

    expect(await early).toEqual(bytes);
    expect(await late).toEqual(bytes);
    expect(capacitor.onDisk).toBe(false);
    expect(pool.bytesInMemory).toBe(700);
    capacitor.release();
    expect(pool.bytesInMemory).toBe(0);
  });

  it('spills a file past its share to a temporary file; a reader carries on where it was', async () => {
    const pool = new CapacitorPool({ perFile: 1000, total: 1_000_000 });
    const capacitor = pool.create() as MemoryFirstCapacitor;
    const bytes = randomBytes(50_000);
    const reading = collect(capacitor.createReadStream());
    await writeInChunks(capacitor, bytes, 300);

    expect(capacitor.onDisk).toBe(true);
    expect(pool.bytesInMemory).toBe(0);
    expect(await reading).toEqual(bytes);
    expect(await collect(capacitor.createReadStream())).toEqual(bytes);
    capacitor.release();
  });

  it('sends a file to disk when the process already holds its total', async () => {
    const pool = new CapacitorPool({ perFile: 1000, total: 1500 });
    const first = pool.create() as MemoryFirstCapacitor;
    const second = pool.create() as MemoryFirstCapacitor;
    const a = randomBytes(900);
    const b = randomBytes(900);
    await writeInChunks(first, a, 900);
    await writeInChunks(second, b, 900);

    expect(first.onDisk).toBe(false);
    expect(second.onDisk).toBe(true);
    expect(await collect(second.createReadStream())).toEqual(b);
    first.release();
    second.release();
    expect(pool.bytesInMemory).toBe(0);
  });

  it('fails its readers when the upload fails, and frees the memory', async () => {
    const pool = new CapacitorPool({ perFile: 1024, total: 4096 });
    const capacitor = pool.create() as MemoryFirstCapacitor;
    capacitor.on('error', () => undefined);
    const reading = collect(capacitor.createReadStream());
    capacitor.write(randomBytes(100));
    await tick();
    capacitor.destroy(new Error('File truncated as it exceeds the size limit.'));

    await expect(reading).rejects.toThrow('exceeds the size limit');
    expect(() => capacitor.createReadStream()).toThrow('exceeds the size limit');
    expect(pool.bytesInMemory).toBe(0);
  });

  it('never passes off part of a file as the whole when released before it arrived', async () => {
    const pool = new CapacitorPool({ perFile: 1024, total: 4096 });
    const capacitor = pool.create() as MemoryFirstCapacitor;
    const reading = collect(capacitor.createReadStream());
    capacitor.write(randomBytes(100));
    await tick();
    capacitor.release();

    await expect(reading).rejects.toThrow('before the whole file arrived');
    expect(() => capacitor.createReadStream()).toThrow('released');
    await tick();
    expect(pool.bytesInMemory).toBe(0);
  });

  it('lets a reader of a complete file finish after release', async () => {
    const pool = new CapacitorPool({ perFile: 1024, total: 4096 });
    const capacitor = pool.create() as MemoryFirstCapacitor;
    const bytes = randomBytes(600);
    await writeInChunks(capacitor, bytes, 100);
    const reader = capacitor.createReadStream({ highWaterMark: 100 });
    capacitor.release();

    expect(await collect(reader)).toEqual(bytes);
    await tick();
    expect(pool.bytesInMemory).toBe(0);
  });
});
