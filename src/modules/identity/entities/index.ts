import { ChildEntity } from './child.entity';
import { FederatedIdentityEntity } from './federated-identity.entity';
import { IdentityDocumentEntity } from './identity-document.entity';
import { UserEntity } from './user.entity';

/** The identity module's tables, for the ENTITIES list. */
export const IDENTITY_ENTITIES = [
  UserEntity,
  FederatedIdentityEntity,
  IdentityDocumentEntity,
  ChildEntity,
];
