import { Module } from '@nestjs/common';
import { EventSourceRepository } from './event-source.repository';
import { EventSources } from './event-sources.service';

/** Which sources each events client may write; free of queues, so the operator CLI uses it too. */
@Module({
  providers: [EventSourceRepository, EventSources],
  exports: [EventSourceRepository, EventSources],
})
export class EventSourcesModule {}
