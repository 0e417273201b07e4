import { Module } from '@nestjs/common';
import { AccountDeletionRegistry } from './account-deletion.registry';
import { IdentityDirectory } from './directory/identity-directory';
import { DocumentDeadlineFacts } from './documents/document-deadline-facts';
import { IdentityDataExporter } from './export/identity-data.exporter';
import { ChildRepository } from './repositories/child.repository';
import { FederatedIdentityRepository } from './repositories/federated-identity.repository';
import { IdentityDocumentRepository } from './repositories/identity-document.repository';
import { TrustedSnilsRepository } from './repositories/trusted-snils.repository';
import { UserRepository } from './repositories/user.repository';

const EXPORTED = [
  UserRepository,
  FederatedIdentityRepository,
  TrustedSnilsRepository,
  IdentityDocumentRepository,
  ChildRepository,
  AccountDeletionRegistry,
  IdentityDirectory,
  IdentityDataExporter,
  DocumentDeadlineFacts,
];

/**
 * Accounts and their login identifiers (phone, e-mail, SNILS, school logins), how each was
 * verified, and federated identities. The only module that names `users`,
 * `federated_identities`, `identity_documents` and `children`; it imports no other module.
 */
@Module({
  providers: EXPORTED,
  exports: EXPORTED,
})
export class IdentityModule {}
