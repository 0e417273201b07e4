import { DynamicModule, Type } from '@nestjs/common';
import { ConfigModule, ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { ALL_CONFIGS, databaseConfig } from './config/configuration';
import { loadEnv } from './config/env.schema';
import { buildDataSourceOptions } from './database/data-source-options';
import { AuditModule } from './modules/audit';
import { AuthModule } from './modules/auth';
import { IntegrationsModule } from './modules/integrations';
import { InterAgencyModule } from './modules/inter-agency';
import { DataExportModule } from './modules/data-export';
import { DocumentRemindersModule } from './modules/document-reminders';
import { NotificationsModule } from './modules/notifications';
import { OrganizationsModule } from './modules/organizations';
import { PlatformRolesModule } from './modules/platform-roles';
import { ProfileModule } from './modules/profile';
import { RemoteWorkReportsModule } from './modules/remote-work-reports';
import { ServiceEventsModule } from './modules/service-events';
import { WidgetsModule } from './modules/widgets';
import { QueuesModule } from './queues/queues.module';
import { AuthCoreModule } from './shared/auth';
import { DatabaseCoreModule } from './core/database/database-core.module';
import { GraphQLCoreModule } from './shared/graphql/graphql-core.module';
import { IdentifiersModule } from './shared/identifiers/identifiers.module';
import { loggerOptions } from './core/logging/logger.options';
import { PubSubModule } from './core/pubsub/pubsub.module';
import { RedisModule } from './core/redis/redis.module';

/** Domain modules, in dependency order. */
export const DOMAIN_MODULES: Type[] = [
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
 * The infrastructure every process role loads first: configuration, logging, the database
 * (migrated at start), Redis, Bull, pub/sub. The root modules (`AppModule`, `WorkerModule`) add
 * their role's own parts, then {@link DOMAIN_MODULES}.
 */
export function infrastructureImports(): Array<Type | DynamicModule | Promise<DynamicModule>> {
  return [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: ALL_CONFIGS }),
    LoggerModule.forRoot(loggerOptions(loadEnv().LOG_LEVEL)),
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (db: ConfigType<typeof databaseConfig>) => ({
        ...buildDataSourceOptions(db.url),
        migrationsRun: true,
      }),
    }),
    RedisModule,
    QueuesModule,
    PubSubModule,
    DatabaseCoreModule,
    AuthCoreModule,
    GraphQLCoreModule,
  ];
}
