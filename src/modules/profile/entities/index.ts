import { ApplicationEntity } from './application.entity';
import { LinkCheckDeadlineEntity } from './link-check-deadline.entity';
import { LinkRegistryEntity } from './link-registry.entity';
import { PersonRegistryEntity } from './person-registry.entity';
import { UserProfileEntity } from './user-profile.entity';
import { VehicleEntity } from './vehicle.entity';

export const PROFILE_ENTITIES = [
  UserProfileEntity,
  VehicleEntity,
  ApplicationEntity,
  PersonRegistryEntity,
  LinkRegistryEntity,
  LinkCheckDeadlineEntity,
];
