// The service-events module's public surface: the only path other modules import from.
export { ServiceEventsModule } from './service-events.module';
export { ServiceEventEntity } from './entities/service-event.entity';
export { NotificationCategory } from './graphql/notification-category.enum';
export { SubjectKind } from './graphql/subject-kind.enum';
export { ServiceEventRepository } from './service-event.repository';
export {
  EVENTS_WRITE_SCOPE,
  ServiceEventIngestService,
} from './ingest/service-event-ingest.service';
export type { SubjectKey } from './service-event.repository';
export { ProfileFactsReader } from './profile-facts/profile-facts.reader';
export { missingFields, subjectsOf, unprovenLinksOf } from './profile-facts/profile-facts';
export type {
  PersonSubject,
  ProfileFacts,
  ProfileField,
  UnprovenLink,
} from './profile-facts/profile-facts';
export { VisibleEventsReader } from './subjects/visible-events.reader';
export { CATEGORY_EXPOSURE } from './subjects/category-exposure';
export { SubjectMatcher } from './subjects/subject-match';
export { normalizeSubject } from './subjects/subject-normalizer';
export { EventSourcesModule } from './sources/event-sources.module';
export { checkEventSources, EventSources } from './sources/event-sources.service';
export { ServiceEventRetentionTask } from './ingest/service-event-retention.task';
