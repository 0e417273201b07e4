import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { UploadMiddleware } from './upload.middleware';

/** Applies the upload middleware to /graphql (also in apps built by Test.createTestingModule). */
@Module({})
export class UploadsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(UploadMiddleware).forRoutes('graphql');
  }
}
