// The inter-agency module's public surface: the only path other modules import from.
export { INTER_AGENCY_ENTITIES } from './entities';
export { Environment, ExchangeRole, MessageStatus, RegistrationStatus } from './inter-agency.enums';
export { InterAgencyModule } from './inter-agency.module';
export { DeveloperRepresentativeDirectory } from './representatives/developer-representative.directory';
export { MessageIngestService, MESSAGE_BATCH_MAX } from './messages/message-ingest.service';
export { MessageQueryService } from './messages/message-query.service';
