import { randomBytes } from 'node:crypto';
import { constants, FileHandle, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import {
  assertStorageKey,
  FileStorage,
  MaterializedFile,
  PutStreamOptions,
  StoredObject,
  StoredObjectNotFoundError,
} from './file-storage';
import { createByteMeter } from './storage-meter';

// Temporary files live under the root so the final rename stays on one file system; a key
// segment cannot start with a dot, so no key ever names this folder.
const TEMP_DIR = '.incoming';
// Folders this process knows to exist, so that a put creates none of them again; forgotten in one
// go past this many (a few hundred bytes each).
const KNOWN_DIRS_MAX = 50_000;
// Chunks are gathered up to this many bytes and written with one call: an upload of a few
// kilobytes arrives in several chunks and costs a single write.
const WRITE_BATCH_BYTES = 256 * 1024;
// 'wx' with O_DSYNC: every write returns once its data (and the size) is on disk.
const SYNC_WRITE_FLAGS =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_DSYNC;

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/**
 * {@link FileStorage} on the local disk under one root directory (STORAGE_DIR). An upload is
 * written to a temporary file, flushed to disk and then renamed into place, so a reader never
 * sees a partial object and a crash mid-upload leaves only a temporary file behind.
 */
export class LocalFileStorage implements FileStorage {
  private readonly root: string;
  private readonly knownDirs = new Set<string>();

  constructor(root: string) {
    this.root = resolve(root);
  }

  async putStream(
    key: string,
    source: Readable,
    options: PutStreamOptions = {},
  ): Promise<StoredObject> {
    const target = this.pathOf(key);
    const tempDir = join(this.root, TEMP_DIR);
    await Promise.all([this.ensureDir(dirname(target)), this.ensureDir(tempDir)]);
    const temp = join(tempDir, `${randomBytes(12).toString('hex')}.part`);
    const meter = createByteMeter(options.maxBytes);
    let handle: FileHandle | null = null;
    try {
      // A plain loop rather than stream.pipeline: no Transform, AbortController or per-chunk
      // write for what is, on deadline day, thousands of small files a minute. Leaving the loop
      // by an error destroys the source.
      let batch: Buffer[] = [];
      let batchBytes = 0;
      for await (const chunk of source as AsyncIterable<Buffer>) {
        meter.add(chunk);
        batch.push(chunk);
        batchBytes += chunk.length;
        if (batchBytes >= WRITE_BATCH_BYTES) {
          handle ??= await this.openTemp(temp, 'wx');
          await writeFully(handle, batch, batchBytes);
          batch = [];
          batchBytes = 0;
        }
      }
      if (handle === null) {
        // The whole object in one write, to a file opened for synchronous data writes: it is on
        // disk when the write returns, one file-system call fewer than write and flush.
        handle = await this.openTemp(temp, SYNC_WRITE_FLAGS);
        await writeFully(handle, batch, batchBytes);
      } else {
        await writeFully(handle, batch, batchBytes);
        await handle.sync();
      }
      // Flushed before the rename: after a crash the key holds the whole file or nothing.
      const written = handle;
      handle = null;
      await written.close();
      await this.moveIntoPlace(temp, target);
    } catch (error) {
      source.destroy();
      await handle?.close().catch(() => undefined);
      await rm(temp, { force: true });
      throw error;
    }
    return meter.result();
  }

  async openRead(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    try {
      const handle = await open(path, 'r');
      return handle.createReadStream();
    } catch (error) {
      throw isNotFound(error) ? new StoredObjectNotFoundError(key) : error;
    }
  }

  async materialize(key: string): Promise<MaterializedFile> {
    const path = this.pathOf(key);
    if (!(await this.exists(key))) {
      throw new StoredObjectNotFoundError(key);
    }
    // The stored file itself: nothing to copy and nothing to free.
    return { path, release: () => Promise.resolve() };
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if (isNotFound(error)) {
        return false;
      }
      throw error;
    }
  }

  private async ensureDir(dir: string, known = this.knownDirs.has(dir)): Promise<void> {
    if (known) {
      return;
    }
    await mkdir(dir, { recursive: true });
    if (this.knownDirs.size >= KNOWN_DIRS_MAX) {
      this.knownDirs.clear();
    }
    this.knownDirs.add(dir);
  }

  private async openTemp(temp: string, flags: string | number): Promise<FileHandle> {
    try {
      return await open(temp, flags);
    } catch (error) {
      if (!isNotFound(error)) {
        throw error;
      }
      this.knownDirs.delete(dirname(temp));
      await this.ensureDir(dirname(temp), false);
      return open(temp, flags);
    }
  }

  // A folder removed behind this process's back is created again.
  private async moveIntoPlace(temp: string, target: string): Promise<void> {
    try {
      await rename(temp, target);
    } catch (error) {
      if (!isNotFound(error)) {
        throw error;
      }
      this.knownDirs.delete(dirname(target));
      await this.ensureDir(dirname(target), false);
      await rename(temp, target);
    }
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    return join(this.root, ...key.split('/'));
  }
}

/** Writes the chunks at the file's current position, all of them even if the system writes less. */
export async function writeFully(
  handle: FileHandle,
  chunks: Buffer[],
  bytes: number,
): Promise<void> {
  if (bytes === 0) {
    return;
  }
  const { bytesWritten } = await handle.writev(chunks);
  if (bytesWritten < bytes) {
    const rest = Buffer.concat(chunks).subarray(bytesWritten);
    for (let offset = 0; offset < rest.length;) {
      offset += (await handle.write(rest, offset)).bytesWritten;
    }
  }
}
