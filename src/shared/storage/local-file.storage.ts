import { randomBytes } from 'node:crypto';
import { FileHandle, mkdir, open, rename, rm, stat } from 'node:fs/promises';
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
// Folders this process knows to exist, so that a put creates none of them again; forgotten in one
// go past this many (a few hundred bytes each).
const KNOWN_DIRS_MAX = 50_000;

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
    const meter = createMeter(options.maxBytes);
    const handle = await this.openTemp(temp);
    try {
      await pipeline(source, meter.transform, async (chunks: AsyncIterable<Buffer>) => {
        for await (const chunk of chunks) {
          await handle.write(chunk);
        }
      });
      // Flushed before the rename: after a crash the key holds the whole file or nothing.
      await handle.sync();
      await handle.close();
      await this.moveIntoPlace(temp, target);
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

  private async openTemp(temp: string): Promise<FileHandle> {
    try {
      return await open(temp, 'wx');
    } catch (error) {
      if (!isNotFound(error)) {
        throw error;
      }
      this.knownDirs.delete(dirname(temp));
      await this.ensureDir(dirname(temp), false);
      return open(temp, 'wx');
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
