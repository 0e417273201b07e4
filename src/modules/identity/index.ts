// The identity module's public surface: the only path other modules import from.
export { IdentityModule } from './identity.module';
export { IDENTITY_ENTITIES } from './entities';
export { IDENTITY_TABLES } from './tables';
export { AccountDeletionRegistry } from './account-deletion.registry';
export type { AccountDeletionParticipant } from './account-deletion.registry';
export { DocumentKind, VerificationStatus } from './document.enums';
export { loginKey, parseLogin } from './login-identifier';
export type { LoginIdentifier } from './login-identifier';
export { UserEntity } from './entities/user.entity';
export { FederatedIdentityEntity } from './entities/federated-identity.entity';
export { IdentityDocumentEntity } from './entities/identity-document.entity';
export { ChildEntity } from './entities/child.entity';
export { UserRepository } from './repositories/user.repository';
export { FederatedIdentityRepository } from './repositories/federated-identity.repository';
export { TrustedSnilsRepository } from './repositories/trusted-snils.repository';
export { IdentityDocumentRepository } from './repositories/identity-document.repository';
export { ChildRepository } from './repositories/child.repository';
export { accountOwnerId } from './account-owner';
export { IdentityErrorCode, IdentityException } from './identity.exception';
export { IdentityDirectory } from './directory/identity-directory';
export type {
  AccountContacts,
  ChildFact,
  IdentityFacts,
  IdentityMatchScope,
  IdentityMatchKind,
} from './directory/identity-directory';
export { LinkVerification } from './link-verification';
export { IdentityDataExporter } from './export/identity-data.exporter';
export { DocumentDeadlineFacts } from './documents/document-deadline-facts';
export type { PassportFacts } from './documents/document-deadline-facts';
export {
  addYears,
  DRIVER_LICENSE_VALID_YEARS,
  driverLicenseValidity,
  passportValidity,
} from './documents/document-validity';
export type { DocumentValidity } from './documents/document-validity';
