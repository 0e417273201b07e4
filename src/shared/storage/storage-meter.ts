import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { StorageLimitExceededError, StoredObject } from './file-storage';

/** A pass-through stream that counts and hashes what flows through it. */
export interface StorageMeter {
  transform: Transform;
  /** Size and SHA-256 of everything that passed (call once the stream has ended). */
  result(): StoredObject;
}

/**
 * Counts and hashes a stream on its way to a driver, failing with
 * {@link StorageLimitExceededError} as soon as it passes `maxBytes` (nothing past the limit is
 * forwarded, so a driver never stores more than the limit).
 */
export function createMeter(maxBytes?: number): StorageMeter {
  const hash = createHash('sha256');
  let size = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (maxBytes !== undefined && size > maxBytes) {
        done(new StorageLimitExceededError(maxBytes));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { transform, result: () => ({ size, sha256: hash.digest('hex') }) };
}
