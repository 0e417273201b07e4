import type { StorageDriver } from '../../../config/env.schema';
import type { FileStorage } from './file-storage';
import { LocalFileStorage } from './local-file.storage';
import { createS3Client, S3FileStorage, S3StorageSettings } from './s3-file.storage';

/** Storage settings as in the `storage` config namespace. */
export interface FileStorageSettings {
  driver: StorageDriver;
  dir: string;
  /** Needed when `driver` is `s3`. */
  s3?: S3StorageSettings;
}

/**
 * Builds the configured storage driver. Also used outside Nest's container (CLI, child processes).
 */
export function createFileStorage(settings: FileStorageSettings): FileStorage {
  switch (settings.driver) {
    case 'local':
      return new LocalFileStorage(settings.dir);
    case 's3': {
      const s3 = settings.s3;
      if (!s3?.bucket) {
        throw new Error('S3_BUCKET is required when STORAGE_DRIVER=s3');
      }
      return new S3FileStorage(createS3Client(s3), s3.bucket, {
        partSizeBytes: s3.partSizeBytes,
        queueSize: s3.queueSize,
      });
    }
  }
}
