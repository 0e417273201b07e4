import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TerminusModule } from '@nestjs/terminus';
import { appConfig } from './config/configuration';
import { loadEnv, ProcessRole } from './config/env.schema';
import { QueueDashboardModule } from './modules/operations';
import { RemoteWorkReportsModule } from './modules/remote-work-reports';
import { PeriodicTasksModule } from './queues/periodic/periodic-tasks.module';
import { DOMAIN_MODULES, infrastructureImports } from './root-imports';
import { GqlAuthGuard, TokenVerifier } from './shared/auth';
import { AppExceptionFilter } from './shared/errors';
import { graphqlOptionsFactory } from './core/graphql/graphql-options.factory';
import { LiveSockets } from './core/graphql/live-sockets';
import { LiveSocketsModule } from './core/graphql/live-sockets.module';
import { RequestLoaders } from './shared/graphql/request-loaders';
import { UploadsModule } from './modules/files';
import { HealthController } from './core/health/health.controller';
import { MetricsModule } from './core/metrics/metrics.module';
import { GqlThrottlerGuard } from './core/throttling/gql-throttler.guard';
import { ThrottlingModule } from './core/throttling/throttling.module';
import { WorkerModule } from './worker.module';

/**
 * The API process (`main.ts`): GraphQL over HTTP and graphql-ws, REST routes, health and
 * metrics. `forRole('api')` serves HTTP and only enqueues; `forRole('all')` (the default, for
 * `npm start` and small installations) also runs the worker's processors and periodic tasks in
 * the same process. `forRole('worker')` is {@link WorkerModule}, kept for callers that pick the
 * role at run time.
 */
@Module({})
export class AppModule {
  static forRole(role: ProcessRole = loadEnv().APP_ROLE, extra: Type[] = []): DynamicModule {
    if (role === 'worker') {
      return WorkerModule.forRoot(extra);
    }
    return {
      module: AppModule,
      imports: [
        ...infrastructureImports(),
        TerminusModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [LiveSocketsModule],
          inject: [appConfig.KEY, TokenVerifier, RequestLoaders, LiveSockets],
          useFactory: graphqlOptionsFactory,
        }),
        UploadsModule.withPermission(RemoteWorkReportsModule),
        ThrottlingModule,
        MetricsModule,
        QueueDashboardModule,
        ...(role === 'all' ? [PeriodicTasksModule] : []),
        ...DOMAIN_MODULES,
        ...extra,
      ],
      controllers: [HealthController],
      // Guards run in this order: identity first, so limits track verified callers.
      providers: [
        { provide: APP_FILTER, useClass: AppExceptionFilter },
        { provide: APP_GUARD, useClass: GqlAuthGuard },
        { provide: APP_GUARD, useClass: GqlThrottlerGuard },
      ],
    };
  }
}
