import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { StorageLimitExceededError, StoredObject } from './file-storage';

/** Counts and hashes the bytes of one object as they pass. */
export interface ByteMeter {
  /** Counts and hashes a chunk; throws {@link StorageLimitExceededError} past the limit. */
  add(chunk: Buffer): void;
  /** Size and SHA-256 of everything added (call once, after the last chunk). */
  result(): StoredObject;
}

/** A pass-through stream that counts and hashes what flows through it. */
export interface StorageMeter {
  transform: Transform;
  /** Size and SHA-256 of everything that passed (call once the stream has ended). */
  result(): StoredObject;
}

/**
 * Counts and hashes chunks, failing with {@link StorageLimitExceededError} on the first chunk
 * that takes the total past `maxBytes` (that chunk is not hashed: a driver never stores it).
 */
export function createByteMeter(maxBytes?: number): ByteMeter {
  const hash = createHash('sha256');
  let size = 0;
  return {
    add(chunk) {
      size += chunk.length;
      if (maxBytes !== undefined && size > maxBytes) {
        throw new StorageLimitExceededError(maxBytes);
      }
      hash.update(chunk);
    },
    result: () => ({ size, sha256: hash.digest('hex') }),
  };
}

/**
 * {@link createByteMeter} as a stream on its way to a driver: nothing past the limit is
 * forwarded.
 */
export function createMeter(maxBytes?: number): StorageMeter {
  const meter = createByteMeter(maxBytes);
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        meter.add(chunk);
      } catch (error) {
        done(error as Error);
        return;
      }
      done(null, chunk);
    },
  });
  return { transform, result: () => meter.result() };
}
