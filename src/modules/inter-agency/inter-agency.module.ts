import { BullModule } from '@nestjs/bull';
import { Module, OnModuleInit } from '@nestjs/common';
import { QueueName } from '../../queues/queue-names';
import { workerProviders } from '../../queues/worker-providers';
import { TokenVerifier } from '../../shared/auth';
import { AuditModule } from '../audit';
import { AuthModule } from '../auth';
import { AccountDeletionRegistry, IdentityModule } from '../identity';
import { MessagingModule } from '../messaging';
import { OrganizationsModule, RepresentationDirectory } from '../organizations';
import { PlatformRolesModule } from '../platform-roles';
import { InterAgencyAccess } from './access/inter-agency-access.service';
import { AccessRequestResolver } from './access-requests/access-request.resolver';
import { AccessRequestService } from './access-requests/access-request.service';
import { DecisionNotifier } from './access-requests/decision-notifier';
import { InterAgencyAudit } from './audit/inter-agency-audit.service';
import { DataKindResolver } from './data-kinds/data-kind.resolver';
import { DataKindService } from './data-kinds/data-kind.service';
import { DataKindNamespaceResolver } from './data-kinds/data-kind-namespace.resolver';
import { NamespaceRepository } from './repositories/namespace.repository';
import { InterAgencyLoaders } from './inter-agency.loaders';
import { InterAgencyProcessor } from './jobs/inter-agency.processor';
import { InterAgencyQueue } from './jobs/inter-agency.queue';
import { InterAgencyReconciler } from './jobs/inter-agency.reconciler';
import { InterAgencyDigestTask } from './jobs/inter-agency-digest.task';
import { AccessNotices } from './access-requests/access-notices';
import { NoticeRepository } from './repositories/notice.repository';
import { MessageConnectionResolver } from './messages/message-connection.resolver';
import { HeldEventResolver } from './messages/held-event.resolver';
import { MessageFeed } from './messages/message-feed';
import { MessageIngestService } from './messages/message-ingest.service';
import { MessageQueryService } from './messages/message-query.service';
import { MessageResolver } from './messages/message.resolver';
import { AccessRequestRepository } from './repositories/access-request.repository';
import { DataKindRepository } from './repositories/data-kind.repository';
import { DeveloperRepresentativeRepository } from './repositories/developer-representative.repository';
import { InformationSystemRepository } from './repositories/information-system.repository';
import { InterAgencyAuditRepository } from './repositories/inter-agency-audit.repository';
import { InterAgencyMessageRepository } from './repositories/inter-agency-message.repository';
import { HeldEventRepository } from './repositories/held-event.repository';
import { SpecialQueueRepository } from './repositories/special-queue.repository';
import { DeveloperRepresentativeDirectory } from './representatives/developer-representative.directory';
import { DeveloperRepresentativeResolver } from './representatives/developer-representative.resolver';
import { DeveloperRepresentativeService } from './representatives/developer-representative.service';
import { InformationSystemResolver } from './systems/information-system.resolver';
import { InformationSystemService } from './systems/information-system.service';
import { RegistrationReview } from './systems/registration-review';

/**
 * The inter-agency exchange portal (LK UV): information systems, kinds of data, access
 * requests, special queues, the message monitor and developer representatives.
 */
@Module({
  imports: [
    BullModule.registerQueue({ name: QueueName.InterAgency }),
    AuthModule,
    IdentityModule,
    AuditModule,
    MessagingModule,
    OrganizationsModule,
    PlatformRolesModule,
  ],
  providers: [
    InformationSystemRepository,
    DataKindRepository,
    AccessRequestRepository,
    SpecialQueueRepository,
    DeveloperRepresentativeRepository,
    InterAgencyAuditRepository,
    InterAgencyMessageRepository,
    HeldEventRepository,
    NamespaceRepository,
    NoticeRepository,
    AccessNotices,
    InterAgencyAccess,
    InterAgencyAudit,
    InterAgencyQueue,
    InterAgencyLoaders,
    DecisionNotifier,
    InformationSystemService,
    RegistrationReview,
    DataKindService,
    AccessRequestService,
    DeveloperRepresentativeService,
    DeveloperRepresentativeDirectory,
    MessageFeed,
    MessageIngestService,
    MessageQueryService,
    InformationSystemResolver,
    DataKindResolver,
    AccessRequestResolver,
    DeveloperRepresentativeResolver,
    MessageResolver,
    MessageConnectionResolver,
    HeldEventResolver,
    DataKindNamespaceResolver,
    ...workerProviders(InterAgencyProcessor, InterAgencyReconciler, InterAgencyDigestTask),
  ],
  exports: [DeveloperRepresentativeDirectory, MessageIngestService, MessageQueryService],
})
export class InterAgencyModule implements OnModuleInit {
  constructor(
    private readonly tokens: TokenVerifier,
    private readonly directory: DeveloperRepresentativeDirectory,
    private readonly deletion: AccountDeletionRegistry,
    private readonly representatives: DeveloperRepresentativeRepository,
    private readonly representation: RepresentationDirectory,
  ) {}

  onModuleInit(): void {
    // Representative tokens count only while the appointment does: revocation takes effect at once.
    this.tokens.registerCheck((principal) => this.directory.isActive(principal));
    // `myOrganizations` and `selectOrganization` learn whom a person represents from here.
    this.representation.register(this.directory);
    // A deleted account's appointments end with it (the rows stay as history, without names).
    this.deletion.register({
      purge: (em, userId) => this.representatives.revokeAllOfUser(em, userId, new Date()),
    });
  }
}
