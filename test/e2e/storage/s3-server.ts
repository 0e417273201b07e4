import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3StorageSettings } from '../../../src/modules/files';

/** A local S3-protocol server on a free port, keeping its objects in a temporary directory. */
export interface LocalS3 {
  endpoint: string;
  bucket: string;
  settings: S3StorageSettings;
  /** The environment that makes the app use this server. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startLocalS3(bucket = 'kabinet-test'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'kabinet-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver accepts only its own well-known credentials.
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  return {
    endpoint,
    bucket,
    settings: {
      endpoint,
      bucket,
      region: 'us-east-1',
      ...credentials,
      forcePathStyle: true,
      partSizeBytes: 5 * 1024 * 1024,
      queueSize: 2,
    },
    env: {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
      S3_PART_SIZE_MB: '5',
    },
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
