// The profile module's public surface: the only path other modules import from.
export { ProfileModule } from './profile.module';
export { DocumentStatusEvents } from './events/document-status.events';
export type { DocumentStatusChange } from './events/document-status.events';
export { VerificationStatus, DocumentKind } from './profile.enums';
export { PersonRegistryModule } from './registry/person-registry.module';
export { PersonRegistryImportService } from './registry/person-registry-import.service';
export { RegistryCsvError } from './registry/registry-csv.parser';
export { PROFILE_ENTITIES } from './entities';
export { DocumentSubmissionService } from './documents/document-submission.service';
export { VehicleService } from './vehicles/vehicle.service';
export { ChildService } from './children/child.service';
export { LinkCheckService } from './links/link-check.service';
export { ProfileDirectory } from './directory/profile-directory';
export { DriverLicenseFacts } from './directory/driver-license-facts';
export type { DriverLicenseFact } from './directory/driver-license-facts';
export type {
  LinkFact,
  MatchScope,
  ProfileIdentifierFacts,
  ProfileMatchKind,
} from './directory/profile-directory';
export { waitingReason } from './links/link-kinds';
export type { LinkKind } from './registry/person-registry.port';
export { ProfileDataExporter } from './export/profile-data.exporter';
