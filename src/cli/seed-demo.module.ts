import { Module } from '@nestjs/common';
import { AuditModule } from '../modules/audit';
import { AuthModule } from '../modules/auth';
import { NotificationsModule } from '../modules/notifications';
import { ProfileModule } from '../modules/profile';
import { DemoReportsModule } from '../modules/remote-work-reports';
import { ServiceEventsModule } from '../modules/service-events';
import { QueuesModule } from '../queues/queues.module';
import { AuthCoreModule } from '../shared/auth';
import { GraphQLCoreModule } from '../shared/graphql/graphql-core.module';
import { IdentifiersModule } from '../shared/identifiers/identifiers.module';
import { PubSubModule } from '../core/pubsub/pubsub.module';
import { RedisModule } from '../core/redis';
import { CliModule } from './cli.module';

/**
 * What `seed:demo` drives besides the operator CLI's modules: the profile module with what it
 * depends on, the queues it enqueues the document checks to, the reports module's demo seeder, and
 * the service events and notification subscriptions of the resident.
 */
@Module({
  imports: [
    CliModule,
    QueuesModule,
    RedisModule,
    PubSubModule,
    AuthCoreModule,
    GraphQLCoreModule,
    IdentifiersModule,
    AuthModule,
    AuditModule,
    ProfileModule,
    DemoReportsModule,
    ServiceEventsModule,
    NotificationsModule,
  ],
})
export class SeedDemoModule {}
