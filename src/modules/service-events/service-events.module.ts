import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { QueueName } from '../../queues/queue-names';
import { workerProviders } from '../../queues/worker-providers';
import { IdentityModule } from '../identity';
import { ProfileModule } from '../profile';
import { ServiceEventFanOutSweeper } from './ingest/service-event-fan-out.sweeper';
import { ServiceEventIngestService } from './ingest/service-event-ingest.service';
import { ServiceEventRetentionTask } from './ingest/service-event-retention.task';
import { ServiceEventQueue } from './ingest/service-event.queue';
import { ProfileFactsReader } from './profile-facts/profile-facts.reader';
import { ServiceEventRepository } from './service-event.repository';
import { ServiceEventResolver } from './service-event.resolver';
import { EventSourcesModule } from './sources/event-sources.module';
import { SubjectMatcher } from './subjects/subject-match';
import { VisibleEventsReader } from './subjects/visible-events.reader';

/**
 * Events of city systems: `ingestServiceEvents`, their storage, the identifiers they name, and
 * the read side other modules use (events by subject, a person's identifiers). The fan-out job
 * of the `service-events` queue is processed by the notifications module.
 */
@Module({
  imports: [
    BullModule.registerQueue({ name: QueueName.ServiceEvents }),
    IdentityModule,
    ProfileModule,
    EventSourcesModule,
  ],
  providers: [
    ServiceEventRepository,
    ServiceEventQueue,
    ServiceEventIngestService,
    ServiceEventResolver,
    ProfileFactsReader,
    SubjectMatcher,
    VisibleEventsReader,
    ...workerProviders(ServiceEventFanOutSweeper, ServiceEventRetentionTask),
  ],
  exports: [
    BullModule,
    EventSourcesModule,
    ServiceEventRepository,
    ProfileFactsReader,
    ServiceEventIngestService,
    SubjectMatcher,
    VisibleEventsReader,
  ],
})
export class ServiceEventsModule {}
