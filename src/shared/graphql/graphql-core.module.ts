import { Global, Module } from '@nestjs/common';
import { DateScalar } from './date.scalar';
import { RequestLoaders } from './request-loaders';

/** Scalars and the per-request loader registry every module's resolvers use. */
@Global()
@Module({ providers: [DateScalar, RequestLoaders], exports: [RequestLoaders] })
export class GraphQLCoreModule {}
