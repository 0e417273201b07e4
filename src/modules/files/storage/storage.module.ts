import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { storageConfig } from '../../../config/configuration';
import { FILE_STORAGE } from './file-storage';
import type { FileStorage } from './file-storage';
import { createFileStorage } from './file-storage.factory';
import { S3FileStorage } from './s3-file.storage';

/** Provides {@link FILE_STORAGE}: the driver chosen by STORAGE_DRIVER. */
@Module({
  providers: [
    {
      provide: FILE_STORAGE,
      inject: [storageConfig.KEY],
      useFactory: (config: ConfigType<typeof storageConfig>) => createFileStorage(config),
    },
  ],
  exports: [FILE_STORAGE],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(FILE_STORAGE) private readonly storage: FileStorage) {}

  // A factory-made provider gets no lifecycle hooks of its own: the S3 client's keep-alive
  // sockets would keep the process (and jest) alive.
  onApplicationShutdown(): void {
    if (this.storage instanceof S3FileStorage) {
      this.storage.close();
    }
  }
}
