import { BullModule } from '@nestjs/bull';
import { Module, OnModuleInit } from '@nestjs/common';
import { QueueName } from '../../queues/queue-names';
import { RateLimitModule } from '../../core/rate-limit/index';
import { workerProviders } from '../../queues/worker-providers';
import { AuditModule } from '../audit';
import { AuthModule } from '../auth';
import { AccountDeletionRegistry, IdentityModule } from '../identity';
import { ApplicationService } from './applications/application.service';
import { ChildResolver } from './children/child.resolver';
import { ChildService } from './children/child.service';
import { DocumentSubmissionService } from './documents/document-submission.service';
import { ProfileDirectory } from './directory/profile-directory';
import { DriverLicenseFacts } from './directory/driver-license-facts';
import { DocumentResolver } from './documents/document.resolver';
import { DocumentStatusEvents } from './events/document-status.events';
import { ProfileDataExporter } from './export/profile-data.exporter';
import { CheckDocumentProcessor } from './jobs/check-document.processor';
import { DocumentCheckQueue } from './jobs/document-check.queue';
import { DocumentCheckService } from './jobs/document-check.service';
import { DocumentCheckSweeper } from './jobs/document-check.sweeper';
import { CheckLinkProcessor } from './links/check-link.processor';
import { LinkCheckQueue } from './links/link-check.queue';
import { LinkCheckService } from './links/link-check.service';
import { LinkCheckExpiryTask } from './links/link-check-expiry.task';
import { LinkDeadlines } from './links/link-deadlines';
import { LinkCheckDeadlineRepository } from './repositories/link-check-deadline.repository';
import { LinkLimits } from './links/link-limits';
import { LinkReconsideration } from './links/link-reconsideration';
import { LinkRequestBuilder } from './links/link-request.builder';
import { ProfileDeletionService } from './profile-deletion.service';
import { ProfileReader } from './profile-reader.service';
import { ProfileResolver } from './profile.resolver';
import { ProfileService } from './profile.service';
import { ReadAuditService } from './read-audit.service';
import { PersonRegistryModule } from './registry/person-registry.module';
import { personRegistryProvider } from './registry/person-registry.provider';
import { ApplicationRepository } from './repositories/application.repository';
import { UserProfileRepository } from './repositories/user-profile.repository';
import { VehicleRepository } from './repositories/vehicle.repository';
import { UserFieldsResolver } from './user-fields.resolver';
import { VehicleResolver } from './vehicles/vehicle.resolver';
import { VehicleService } from './vehicles/vehicle.service';

/**
 * The person's profile: personal data, SNILS and passport checks against the person registry
 * (queued, with status events), access level, vehicles, children, applications.
 */
@Module({
  imports: [
    BullModule.registerQueue({ name: QueueName.DocumentChecks }),
    AuthModule,
    IdentityModule,
    AuditModule,
    PersonRegistryModule,
    RateLimitModule,
  ],
  providers: [
    UserProfileRepository,
    VehicleRepository,
    ApplicationRepository,
    ApplicationService,
    DocumentCheckQueue,
    LinkCheckQueue,
    LinkLimits,
    LinkRequestBuilder,
    LinkReconsideration,
    LinkCheckDeadlineRepository,
    LinkDeadlines,
    DocumentStatusEvents,
    DocumentSubmissionService,
    ProfileService,
    VehicleService,
    ChildService,
    ProfileReader,
    ReadAuditService,
    ProfileDeletionService,
    ProfileDirectory,
    DriverLicenseFacts,
    UserFieldsResolver,
    ProfileResolver,
    DocumentResolver,
    VehicleResolver,
    ChildResolver,
    ProfileDataExporter,
    ...workerProviders(
      personRegistryProvider,
      DocumentCheckService,
      CheckDocumentProcessor,
      DocumentCheckSweeper,
      LinkCheckService,
      CheckLinkProcessor,
      LinkCheckExpiryTask,
    ),
  ],
  exports: [
    DocumentStatusEvents,
    DocumentSubmissionService,
    VehicleService,
    ChildService,
    ProfileDirectory,
    DriverLicenseFacts,
    ProfileDataExporter,
  ],
})
export class ProfileModule implements OnModuleInit {
  constructor(
    private readonly deletion: AccountDeletionRegistry,
    private readonly profileData: ProfileDeletionService,
  ) {}

  onModuleInit(): void {
    this.deletion.register({ purge: (em, userId) => this.profileData.purge(em, userId) });
  }
}
