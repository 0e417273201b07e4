import {
  DynamicModule,
  ForwardReference,
  MiddlewareConsumer,
  Module,
  NestModule,
  Type,
} from '@nestjs/common';
import { UploadMiddleware } from './upload.middleware';

/** Applies the upload middleware to /graphql (also in apps built by Test.createTestingModule). */
@Module({})
export class UploadsModule implements NestModule {
  /**
   * The middleware with the {@link UploadPermission} that `permissionModule` exports under
   * UPLOAD_PERMISSION: only callers it lets through get their body read.
   */
  static withPermission(permissionModule: Type | ForwardReference): DynamicModule {
    return { module: UploadsModule, imports: [permissionModule] };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(UploadMiddleware).forRoutes('graphql');
  }
}
