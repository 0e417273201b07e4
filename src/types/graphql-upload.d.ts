// graphql-upload 17 ships ES modules without type declarations (and its sources fail strict
// type-checking under allowJs), so the three entry points Kabinet uses are declared here.
declare module 'graphql-upload/GraphQLUpload.mjs' {
  import { GraphQLScalarType } from 'graphql';
  const GraphQLUpload: GraphQLScalarType;
  export default GraphQLUpload;
}

declare module 'graphql-upload/graphqlUploadExpress.mjs' {
  import type { RequestHandler } from 'express';
  export default function graphqlUploadExpress(options?: {
    maxFieldSize?: number;
    maxFileSize?: number;
    maxFiles?: number;
    /** Kabinet's patch (patches/graphql-upload+*.patch): what holds each file's bytes. */
    createCapacitor?: () => import('node:stream').Writable & {
      createReadStream(options?: { highWaterMark?: number }): import('node:stream').Readable;
      release(): void;
    };
  }): RequestHandler;
}

declare module 'graphql-upload/Upload.mjs' {
  import type { Readable } from 'node:stream';
  export interface FileUpload {
    filename: string;
    mimetype: string;
    encoding: string;
    createReadStream(options?: { encoding?: string; highWaterMark?: number }): Readable;
  }
  export default class Upload {
    promise: Promise<FileUpload>;
    file?: FileUpload;
  }
}
