import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApplicationRepository } from './repositories/application.repository';
import { ChildRepository } from '../identity';
import { IdentityDocumentRepository } from '../identity';
import { UserProfileRepository } from './repositories/user-profile.repository';
import { VehicleRepository } from './repositories/vehicle.repository';

/** Deletes everything personal of an account (run by auth's deleteAccount, in its transaction). */
@Injectable()
export class ProfileDeletionService {
  constructor(
    private readonly profiles: UserProfileRepository,
    private readonly documents: IdentityDocumentRepository,
    private readonly vehicles: VehicleRepository,
    private readonly children: ChildRepository,
    private readonly applications: ApplicationRepository,
  ) {}

  async purge(em: EntityManager, userId: string): Promise<void> {
    await this.applications.deleteByUserId(em, userId);
    await this.documents.deleteByUserId(em, userId);
    await this.vehicles.deleteByUserId(em, userId);
    await this.children.deleteByParentId(em, userId);
    await this.profiles.deleteByUserId(em, userId);
  }
}
