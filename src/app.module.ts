import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ConfigModule, ConfigType } from '@nestjs/config';
import { GraphQLModule } from '@nestjs/graphql';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { ALL_CONFIGS, appConfig, databaseConfig } from './config/configuration';
import { loadEnv, ProcessRole } from './config/env.schema';
import { AuditModule } from './modules/audit';
import { AuthModule } from './modules/auth';
import { DataExportModule } from './modules/data-export';
import { DocumentRemindersModule } from './modules/document-reminders';
import { IntegrationsModule } from './modules/integrations';
import { InterAgencyModule } from './modules/inter-agency';
import { QueueDashboardModule } from './modules/operations';
import { OrganizationsModule } from './modules/organizations';
import { PlatformRolesModule } from './modules/platform-roles';
import { ProfileModule } from './modules/profile';
import { RemoteWorkReportsModule } from './modules/remote-work-reports';
import { NotificationsModule } from './modules/notifications';
import { ServiceEventsModule } from './modules/service-events';
import { WidgetsModule } from './modules/widgets';
import { buildDataSourceOptions } from './database/data-source-options';
import { QueuesModule } from './queues/queues.module';
import { AuthCoreModule, GqlAuthGuard, TokenVerifier } from './shared/auth';
import { DatabaseCoreModule } from './shared/database/database-core.module';
import { GqlThrottlerGuard } from './shared/throttling/gql-throttler.guard';
import { ThrottlingModule } from './shared/throttling/throttling.module';
import { AppExceptionFilter } from './shared/errors';
import { graphqlOptionsFactory } from './shared/graphql/graphql-options.factory';
import { GraphQLCoreModule } from './shared/graphql/graphql-core.module';
import { RequestLoaders } from './shared/graphql/request-loaders';
import { LiveSockets } from './shared/graphql/live-sockets';
import { LiveSocketsModule } from './shared/graphql/live-sockets.module';
import { UploadsModule } from './shared/graphql/uploads.module';
import { HealthController } from './shared/health/health.controller';
import { loggerOptions } from './shared/logging/logger.options';
import { IdentifiersModule } from './shared/identifiers/identifiers.module';
import { MetricsModule } from './shared/metrics/metrics.module';
import { WorkerMetricsModule } from './shared/metrics/worker-metrics.module';
import { PubSubModule } from './shared/pubsub/pubsub.module';

// Domain modules, in dependency order.
const DOMAIN_MODULES: Type[] = [
  IdentifiersModule,
  AuthModule,
  AuditModule,
  ProfileModule,
  PlatformRolesModule,
  OrganizationsModule,
  RemoteWorkReportsModule,
  IntegrationsModule,
  ServiceEventsModule,
  WidgetsModule,
  NotificationsModule,
  InterAgencyModule,
  DataExportModule,
  DocumentRemindersModule,
];

/**
 * The application. `forRole('api')` serves HTTP and only enqueues; `forRole('worker')` only
 * processes jobs; `forRole('all')` (the default) does both in one process.
 */
@Module({})
export class AppModule {
  static forRole(role: ProcessRole = loadEnv().APP_ROLE, extra: Type[] = []): DynamicModule {
    const http = role !== 'worker';
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: ALL_CONFIGS }),
        LoggerModule.forRoot(loggerOptions(loadEnv().LOG_LEVEL)),
        TypeOrmModule.forRootAsync({
          inject: [databaseConfig.KEY],
          useFactory: (db: ConfigType<typeof databaseConfig>) => ({
            ...buildDataSourceOptions(db.url),
            migrationsRun: true,
          }),
        }),
        QueuesModule,
        PubSubModule,
        DatabaseCoreModule,
        AuthCoreModule,
        GraphQLCoreModule,
        ...(http
          ? [
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
            ]
          : [WorkerMetricsModule]),
        ...DOMAIN_MODULES,
        ...extra,
      ],
      controllers: http ? [HealthController] : [],
      // Guards run in this order: identity first, so limits track verified callers.
      providers: [
        { provide: APP_FILTER, useClass: AppExceptionFilter },
        ...(http
          ? [
              { provide: APP_GUARD, useClass: GqlAuthGuard },
              { provide: APP_GUARD, useClass: GqlThrottlerGuard },
            ]
          : []),
      ],
    };
  }
}
