import type { Readable } from 'node:stream';

/** What {@link FileStorage.putStream} learned while writing: counted and hashed on the fly. */
export interface StoredObject {
  size: number;
  /** Lower-case hex SHA-256 of the content. */
  sha256: string;
}

/** Options of {@link FileStorage.putStream}. */
export interface PutStreamOptions {
  /** Refuse (with {@link StorageLimitExceededError}) once the stream passes this many bytes. */
  maxBytes?: number;
}

/** A local file with an object's content, for libraries that need random access (zip readers). */
export interface MaterializedFile {
  path: string;
  /** Frees the local copy (a no-op when the driver hands out the stored file itself). */
  release(): Promise<void>;
}

/**
 * The file storage port. Keys are relative, slash-separated paths (`a/b/c.xlsx`); an object is
 * visible under its key only once it is complete, so a failed or partial upload never looks
 * stored. Drivers: `local` (STORAGE_DIR, possibly a shared mount) and `s3` (a bucket of an
 * S3-compatible store), chosen by STORAGE_DRIVER.
 */
export interface FileStorage {
  /** Streams `source` into `key`, replacing what was there; size and SHA-256 are computed on the way. */
  putStream(key: string, source: Readable, options?: PutStreamOptions): Promise<StoredObject>;
  /** A stream of the object; {@link StoredObjectNotFoundError} when there is none. */
  openRead(key: string): Promise<Readable>;
  /** The object as a local file (see {@link MaterializedFile}). */
  materialize(key: string): Promise<MaterializedFile>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

/** Injection token of the configured {@link FileStorage}. */
export const FILE_STORAGE = Symbol('FILE_STORAGE');

/** The source stream went past `maxBytes`; nothing was stored. */
export class StorageLimitExceededError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The stored object would exceed ${maxBytes} bytes`);
    this.name = 'StorageLimitExceededError';
  }
}

/** No object is stored under the key. */
export class StoredObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored object ${key}`);
    this.name = 'StoredObjectNotFoundError';
  }
}

/** A key that is not a plain relative path (empty, absolute, `..`, odd characters). */
export class InvalidStorageKeyError extends Error {
  constructor(readonly key: string) {
    super(`Invalid storage key ${JSON.stringify(key)}`);
    this.name = 'InvalidStorageKeyError';
  }
}

const KEY_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Throws {@link InvalidStorageKeyError} unless every segment is a plain file name. */
export function assertStorageKey(key: string): void {
  const segments = key.split('/');
  if (
    key.length === 0 ||
    key.length > 512 ||
    !segments.every((s) => KEY_SEGMENT.test(s) && s !== '.' && s !== '..' && !s.includes('..'))
  ) {
    throw new InvalidStorageKeyError(key);
  }
}
