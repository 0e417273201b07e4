// The files module's public surface: the only path other modules import from. Storage of
// uploaded and generated files (local or S3) and the GraphQL multipart upload middleware.
export * from './storage';
export * from './storage/file-storage';
export * from './uploads/upload-permission';
export * from './uploads/upload-capacitor';
export * from './uploads/upload.middleware';
export * from './uploads/uploads.module';
