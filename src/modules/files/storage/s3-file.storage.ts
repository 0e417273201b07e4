import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
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

/** Connection settings of the `s3` driver, as in the `storage` config namespace. */
export interface S3StorageSettings {
  /** An S3-compatible endpoint (MinIO, Ceph…); undefined means AWS S3 of `region`. */
  endpoint?: string;
  bucket: string;
  region: string;
  /** Static credentials; both undefined means the SDK's default provider chain. */
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** Multipart part size in bytes (S3's minimum is 5 MiB); smaller objects take one PUT. */
  partSizeBytes: number;
  /** Parts of one upload sent at once; memory per upload is about queueSize × partSizeBytes. */
  queueSize: number;
}

/** An S3 client for {@link S3StorageSettings}. */
export function createS3Client(settings: S3StorageSettings): S3Client {
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials:
      settings.accessKeyId !== undefined && settings.secretAccessKey !== undefined
        ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
        : undefined,
    // Integrity is ours (SHA-256 computed while streaming). The SDK's default CRC trailers use
    // aws-chunked bodies that several S3-compatible stores do not accept, so send them only
    // where an operation demands one.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException) {
    return (
      error.name === 'NoSuchKey' ||
      error.name === 'NotFound' ||
      error.$metadata.httpStatusCode === 404
    );
  }
  return false;
}

/**
 * {@link FileStorage} in a bucket of an S3-compatible object store, so every API and worker node
 * reaches the same objects. Uploads stream through {@link Upload}: one PUT below the part size,
 * a multipart upload above it (aborted on failure, so a partial object is never visible); size
 * and SHA-256 are computed on the way and the byte limit stops the stream early. Reads stream
 * the object's body; {@link materialize} copies it into a temporary file.
 */
export class S3FileStorage implements FileStorage {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly options: { partSizeBytes: number; queueSize: number },
  ) {}

  async putStream(
    key: string,
    source: Readable,
    options: PutStreamOptions = {},
  ): Promise<StoredObject> {
    assertStorageKey(key);
    const meter = createMeter(options.maxBytes);
    const body = new PassThrough();
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body },
      partSize: this.options.partSizeBytes,
      queueSize: this.options.queueSize,
      leavePartsOnError: false,
    });
    const feeding = pipeline(source, meter.transform, body);
    const uploading = upload.done().catch((error: unknown) => {
      // The store refused: stop reading the client's stream instead of letting it stall.
      body.destroy(error instanceof Error ? error : new Error(String(error)));
      throw error;
    });
    const [fed, uploaded] = await Promise.allSettled([feeding, uploading]);
    if (fed.status === 'rejected') {
      // The source failed or passed the limit: the upload saw a broken body and aborted its
      // multipart parts; the source's own error is the one that explains what happened.
      await upload.abort().catch(() => undefined);
      throw fed.reason;
    }
    if (uploaded.status === 'rejected') {
      throw uploaded.reason;
    }
    return meter.result();
  }

  async openRead(key: string): Promise<Readable> {
    assertStorageKey(key);
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      if (!(object.Body instanceof Readable)) {
        throw new Error(`S3 returned no readable body for ${key}`);
      }
      return object.Body;
    } catch (error) {
      throw isNotFound(error) ? new StoredObjectNotFoundError(key) : error;
    }
  }

  async materialize(key: string): Promise<MaterializedFile> {
    const source = await this.openRead(key);
    const dir = await mkdtemp(join(tmpdir(), 'kabinet-s3-'));
    const path = join(dir, `${randomBytes(8).toString('hex')}.bin`);
    const release = () => rm(dir, { recursive: true, force: true });
    try {
      await pipeline(source, createWriteStream(path));
    } catch (error) {
      await release();
      throw error;
    }
    return { path, release };
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    // S3 answers 204 for a missing key too: deleting is idempotent, as the port requires.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async exists(key: string): Promise<boolean> {
    assertStorageKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) {
        return false;
      }
      throw error;
    }
  }

  /** Closes the client's sockets (at application shutdown). */
  close(): void {
    this.client.destroy();
  }
}
