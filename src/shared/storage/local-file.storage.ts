import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertStorageKey,
  FileStorage,
  MaterializedFile,
  PutStreamOptions,
  StoredObject,
  StoredObjectNotFoundError,
} from './file-storage';
import { createMeter } from './storage-meter';

// Temporary files live under the root so the final rename stays on one file system; a key
// segment cannot start with a dot, so no key ever names this folder.
const TEMP_DIR = '.incoming';

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
    await Promise.all([
      mkdir(dirname(target), { recursive: true }),
      mkdir(tempDir, { recursive: true }),
    ]);
    const temp = join(tempDir, `${randomBytes(12).toString('hex')}.part`);
    const meter = createMeter(options.maxBytes);
    const handle = await open(temp, 'wx');
    try {
      await pipeline(source, meter.transform, async (chunks: AsyncIterable<Buffer>) => {
        for await (const chunk of chunks) {
          await handle.write(chunk);
        }
      });
      // Flushed before the rename: after a crash the key holds the whole file or nothing.
      await handle.sync();
      await handle.close();
      await rename(temp, target);
    } catch (error) {
      await handle.close().catch(() => undefined);
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

  private pathOf(key: string): string {
    assertStorageKey(key);
    return join(this.root, ...key.split('/'));
  }
}
