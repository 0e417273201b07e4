import { Module } from '@nestjs/common';
import { ConfigModule, ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ALL_CONFIGS, databaseConfig } from '../config/configuration';
import { buildDataSourceOptions } from '../database/data-source-options';
import { IdentityModule } from '../modules/identity';
import { ApiClientsModule } from '../modules/integrations';
import { PlatformRolesModule } from '../modules/platform-roles';
import { PersonRegistryModule } from '../modules/profile';
import { ReportDeadlinesModule } from '../modules/remote-work-reports';
import { EventSourcesModule } from '../modules/service-events';
import { DatabaseCoreModule } from '../core/database/database-core.module';

/** What the operator CLI needs: configuration, the migrated database, the modules it drives. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: ALL_CONFIGS }),
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (db: ConfigType<typeof databaseConfig>) => ({
        ...buildDataSourceOptions(db.url),
        migrationsRun: true,
      }),
    }),
    IdentityModule,
    PlatformRolesModule,
    ApiClientsModule,
    EventSourcesModule,
    ReportDeadlinesModule,
    DatabaseCoreModule,
    PersonRegistryModule,
  ],
})
export class CliModule {}
