import { Readable, Writable } from 'node:stream';
import { WriteStream } from 'fs-capacitor';

/**
 * How much of the uploads in flight one process keeps in memory. A file stays in memory while it
 * is no bigger than `perFile` and the process holds less than `total` of them; past either, it
 * spills to a temporary file like graphql-upload's own capacitor.
 */
export interface CapacitorBudget {
  perFile: number;
  total: number;
}

/** What graphql-upload asks of the capacitor behind a file upload. */
export interface UploadCapacitor extends Writable {
  createReadStream(options?: { highWaterMark?: number }): Readable;
  release(): void;
}

/**
 * The holder of bytes in memory for every capacitor of one process, so that a burst of uploads
 * cannot hold more than the budget's total.
 */
export class CapacitorPool {
  private used = 0;

  constructor(readonly budget: CapacitorBudget) {}

  /** Bytes held in memory right now by the capacitors of this pool. */
  get bytesInMemory(): number {
    return this.used;
  }

  /** Reserves `bytes` for a file that already holds `held`, or refuses. */
  reserve(held: number, bytes: number): boolean {
    if (held + bytes > this.budget.perFile || this.used + bytes > this.budget.total) {
      return false;
    }
    this.used += bytes;
    return true;
  }

  free(bytes: number): void {
    this.used -= bytes;
  }

  create(): UploadCapacitor {
    return new MemoryFirstCapacitor(this);
  }
}

/**
 * graphql-upload's capacitor writes every upload to a temporary file and reads it back: a file
 * created, written, read, closed and removed per upload, for reports of a few kilobytes. This one
 * keeps a small file in memory and hands its chunks to readers as they arrive. A file that grows
 * past the budget spills to an fs-capacitor temporary file: what was kept is written there first,
 * and readers already reading carry on from the file at the byte they had reached.
 */
export class MemoryFirstCapacitor extends Writable implements UploadCapacitor {
  private chunks: Buffer[] = [];
  private held = 0;
  private spilled: WriteStream | null = null;
  private finished = false;
  private released = false;
  private failure: Error | null = null;
  private readonly readers = new Set<MemoryReader>();

  constructor(private readonly pool: CapacitorPool) {
    // Finishing the write side must not destroy it: readers come after the last byte.
    super({ autoDestroy: false });
  }

  /** Whether the file went to a temporary file. */
  get onDisk(): boolean {
    return this.spilled !== null;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (e?: Error | null) => void) {
    if (this.spilled) {
      this.spilled.write(chunk, callback);
      return;
    }
    if (this.pool.reserve(this.held, chunk.length)) {
      this.chunks.push(chunk);
      this.held += chunk.length;
      this.wakeReaders();
      callback();
      return;
    }
    this.spill(chunk, callback);
  }

  override _final(callback: (e?: Error | null) => void): void {
    if (this.spilled) {
      this.spilled.end(callback);
      return;
    }
    this.finished = true;
    this.wakeReaders();
    callback();
  }

  override _destroy(error: Error | null, callback: (e?: Error | null) => void): void {
    this.failure = error ?? new Error('The upload was stopped.');
    for (const reader of this.readers) {
      reader.destroy(this.failure);
    }
    this.readers.clear();
    this.spilled?.destroy(this.failure);
    this.freeMemory();
    callback(error);
  }

  createReadStream(options: { highWaterMark?: number } = {}): Readable {
    if (this.released) {
      throw new Error('The upload was released.');
    }
    if (this.failure) {
      throw this.failure;
    }
    if (this.spilled) {
      return this.spilled.createReadStream(options);
    }
    const reader = new MemoryReader(this, options.highWaterMark);
    this.readers.add(reader);
    reader.once('close', () => {
      this.readers.delete(reader);
      if (this.released && this.readers.size === 0) {
        this.freeMemory();
      }
    });
    return reader;
  }

  release(): void {
    if (this.released) {
      return;
    }
    this.released = true;
    this.spilled?.release();
    if (!this.finished) {
      // Released with the file incomplete (the request went away): a reader must not take what
      // it got for the whole file.
      const cut = new Error('The upload ended before the whole file arrived.');
      for (const reader of this.readers) {
        reader.destroy(cut);
      }
    }
    // Readers of a complete file finish what they read; the memory goes with the last of them.
    if (this.readers.size === 0) {
      this.freeMemory();
    }
  }

  /** The chunk at `index` for a memory reader, `null` at the end, `undefined` if not here yet. */
  chunkAt(index: number): Buffer | null | undefined {
    if (index < this.chunks.length) {
      return this.chunks[index];
    }
    return this.finished ? null : undefined;
  }

  /** A temporary-file reader for a reader moving off memory (only after a spill). */
  diskReader(): Readable | null {
    return this.spilled && !this.released ? this.spilled.createReadStream() : null;
  }

  private spill(chunk: Buffer, callback: (e?: Error | null) => void): void {
    const file = new WriteStream();
    file.on('error', (error: Error) => this.destroy(error));
    this.spilled = file;
    for (const kept of this.chunks) {
      file.write(kept);
    }
    this.freeMemory();
    file.write(chunk, callback);
    // Memory readers carry on from the temporary file, which now holds all they have seen.
    for (const reader of this.readers) {
      reader.moveToDisk();
    }
  }

  private wakeReaders(): void {
    for (const reader of this.readers) {
      reader.wake();
    }
  }

  private freeMemory(): void {
    this.pool.free(this.held);
    this.held = 0;
    this.chunks = [];
  }
}

/** Reads a {@link MemoryFirstCapacitor}'s chunks as they arrive. */
class MemoryReader extends Readable {
  private index = 0;
  private offset = 0;
  private disk: Readable | null = null;
  private wanted = false;

  constructor(
    private readonly capacitor: MemoryFirstCapacitor,
    highWaterMark?: number,
  ) {
    super(highWaterMark === undefined ? {} : { highWaterMark });
  }

  override _read(): void {
    this.wanted = true;
    if (this.disk) {
      this.disk.resume();
      return;
    }
    this.wake();
  }

  wake(): void {
    while (this.wanted && !this.disk) {
      const chunk = this.capacitor.chunkAt(this.index);
      if (chunk === undefined) {
        return;
      }
      if (chunk === null) {
        this.wanted = false;
        this.push(null);
        return;
      }
      this.index++;
      this.offset += chunk.length;
      this.wanted = this.push(chunk);
    }
  }

  // The temporary file starts at byte 0: skip what this reader has already passed on.
  moveToDisk(): void {
    const disk = this.capacitor.diskReader();
    if (!disk) {
      return;
    }
    this.disk = disk;
    let skip = this.offset;
    disk.on('data', (data: Buffer) => {
      let chunk = data;
      if (skip > 0) {
        const dropped = Math.min(skip, chunk.length);
        skip -= dropped;
        chunk = chunk.subarray(dropped);
        if (chunk.length === 0) {
          return;
        }
      }
      if (!this.push(chunk)) {
        disk.pause();
      }
    });
    disk.once('end', () => this.push(null));
    disk.once('error', (error: Error) => this.destroy(error));
    if (!this.wanted) {
      disk.pause();
    }
  }

  override _destroy(error: Error | null, callback: (e?: Error | null) => void): void {
    this.disk?.destroy();
    callback(error);
  }
}
