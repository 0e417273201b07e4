export * from './file-storage';
export * from './file-storage.factory';
export * from './local-file.storage';
export * from './s3-file.storage';
export * from './storage.module';
