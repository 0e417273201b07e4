import { ApplicationEntity } from './application.entity';
import { ChildEntity } from './child.entity';
import { IdentityDocumentEntity } from './identity-document.entity';
import { PersonRegistryEntity } from './person-registry.entity';
import { UserProfileEntity } from './user-profile.entity';
import { VehicleEntity } from './vehicle.entity';

export const PROFILE_ENTITIES = [
  UserProfileEntity,
  IdentityDocumentEntity,
  VehicleEntity,
  ChildEntity,
  ApplicationEntity,
  PersonRegistryEntity,
];
