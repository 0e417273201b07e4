import { AUTH_MIGRATIONS } from './auth.migrations';
import { CreatePlatformRoleAssignments1795451800000 } from './1795451800000-create-platform-role-assignments';
import { CreateOrganizations1795451810000 } from './1795451810000-create-organizations';
import { CreateMemberships1795451811000 } from './1795451811000-create-memberships';
import { CreateAccessGrants1795451812000 } from './1795451812000-create-access-grants';
import { CreateRemoteWorkReports1795451900000 } from './1795451900000-create-remote-work-reports';
import { CreateRemoteWorkReportRows1795451901000 } from './1795451901000-create-remote-work-report-rows';
import { CreateReportDeadlineExtensions1795451902000 } from './1795451902000-create-report-deadline-extensions';
import { CreateApiClients1795452100000 } from './1795452100000-create-api-clients';
import { CreateWebhooks1795452101000 } from './1795452101000-create-webhooks';
import { CreateWebhookDeliveries1795452102000 } from './1795452102000-create-webhook-deliveries';
import { CreateUserProfiles1795452200000 } from './1795452200000-create-user-profiles';
import { CreateIdentityDocuments1795452201000 } from './1795452201000-create-identity-documents';
import { CreateVehicles1795452202000 } from './1795452202000-create-vehicles';
import { CreateChildren1795452203000 } from './1795452203000-create-children';
import { CreateApplications1795452204000 } from './1795452204000-create-applications';
import { CreatePersonRegistry1795452205000 } from './1795452205000-create-person-registry';
import { CreateDataAccessLog1795452206000 } from './1795452206000-create-data-access-log';
import { CreateFederatedIdentities1795452300000 } from './1795452300000-create-federated-identities';
import { AddSessionDeveloperRepresentative1795452301000 } from './1795452301000-add-session-developer-representative';
import { CreateSignatureChallenges1795452310000 } from './1795452310000-create-signature-challenges';
import { CreateServiceEvents1795452320000 } from './1795452320000-create-service-events';
import { CreateNotificationSubscriptions1795452321000 } from './1795452321000-create-notification-subscriptions';
import { CreateNotifications1795452322000 } from './1795452322000-create-notifications';
import { CreateWidgets1795452323000 } from './1795452323000-create-widgets';
import { AddUserProfileIdentifierIndexes1795452324000 } from './1795452324000-add-user-profile-identifier-indexes';
import { AddChildrenSnilsIndex1795452325000 } from './1795452325000-add-children-snils-index';
import { CreateInformationSystems1795452330000 } from './1795452330000-create-information-systems';
import { CreateDataKinds1795452331000 } from './1795452331000-create-data-kinds';
import { CreateInterAgencyAccessRequests1795452332000 } from './1795452332000-create-inter-agency-access-requests';
import { CreateSpecialQueues1795452333000 } from './1795452333000-create-special-queues';
import { CreateDeveloperRepresentatives1795452334000 } from './1795452334000-create-developer-representatives';
import { CreateInterAgencyAuditLog1795452335000 } from './1795452335000-create-inter-agency-audit-log';
import { CreateInterAgencyMessages1795452336000 } from './1795452336000-create-inter-agency-messages';
import { CreateInterAgencyMessageEvents1795452337000 } from './1795452337000-create-inter-agency-message-events';
import { AddMembershipStatus1796300000000 } from './1796300000000-add-membership-status';
import { AddMembershipInvitation1796300001000 } from './1796300001000-add-membership-invitation';
import { CreateInterAgencyHeldEvents1796700000000 } from './1796700000000-create-inter-agency-held-events';
import { AddEnvironmentToInterAgencyMessageEvents1796700001000 } from './1796700001000-add-environment-to-inter-agency-message-events';
import { BackfillInterAgencyMessageEventEnvironments1796700002000 } from './1796700002000-backfill-inter-agency-message-event-environments';
import { KeyInterAgencyMessageEventsByEnvironment1796700003000 } from './1796700003000-key-inter-agency-message-events-by-environment';
import { KeyInterAgencyMessagesByEnvironment1796700004000 } from './1796700004000-key-inter-agency-messages-by-environment';
import { AddUsersEmailConfirmedAt1796200000000 } from './1796200000000-add-users-email-confirmed-at';
import { AddUsersHasPassword1796200001000 } from './1796200001000-add-users-has-password';
import { BackfillUsersHasPassword1796200002000 } from './1796200002000-backfill-users-has-password';
import { CreateRemoteWorkReportRowStage1796400000000 } from './1796400000000-create-remote-work-report-row-stage';
import { IndexRemoteWorkReportsStatusOrg1797040000000 } from './1797040000000-index-remote-work-reports-status-org';
import { AddNotificationsCopiesDueAt1797030000000 } from './1797030000000-add-notifications-copies-due-at';
import { AddNotificationsCopiesDueIndex1797031000000 } from './1797031000000-add-notifications-copies-due-index';
import { CreateSignatureIdentities1797020000000 } from './1797020000000-create-signature-identities';
import { AddVehiclesLinkVerification1797200000000 } from './1797200000000-add-vehicles-link-verification';
import { AddChildrenLinkVerification1797201000000 } from './1797201000000-add-children-link-verification';
import { AddUserProfilesLinkVerification1797202000000 } from './1797202000000-add-user-profiles-link-verification';
import { BackfillLinkDates1797203000000 } from './1797203000000-backfill-link-dates';
import { CreateLinkRegistry1797204000000 } from './1797204000000-create-link-registry';
import { CreateRemoteWorkReportReminders1797500000000 } from './1797500000000-create-remote-work-report-reminders';
import { CreateServiceEventSources1797300000000 } from './1797300000000-create-service-event-sources';
import { BackfillServiceEventSources1797300001000 } from './1797300001000-backfill-service-event-sources';
import { AddServiceEventsSubjectChangedRevision1797300002000 } from './1797300002000-add-service-events-subject-changed-revision';
import { IndexServiceEventsOccurredAt1797300003000 } from './1797300003000-index-service-events-occurred-at';
import { CreateNotificationSettings1797300004000 } from './1797300004000-create-notification-settings';
import { IndexDataAccessLogActor1797300005000 } from './1797300005000-index-data-access-log-actor';
import { CreateDataExports1797600000000 } from './1797600000000-create-data-exports';
import { CreateDocumentExpiryReminders1797600001000 } from './1797600001000-create-document-expiry-reminders';
import { AddDataKindsEnvironment1797400000000 } from './1797400000000-add-data-kinds-environment';
import { BackfillDataKindsEnvironment1797400001000 } from './1797400001000-backfill-data-kinds-environment';
import { RequireDataKindsEnvironment1797400002000 } from './1797400002000-require-data-kinds-environment';
import { CreateInterAgencyNamespaces1797400003000 } from './1797400003000-create-inter-agency-namespaces';
import { BackfillInterAgencyNamespaces1797400004000 } from './1797400004000-backfill-inter-agency-namespaces';
import { AddInformationSystemsOwnedMnemonic1797400005000 } from './1797400005000-add-information-systems-owned-mnemonic';
import { BackfillInformationSystemsOwnedMnemonic1797400006000 } from './1797400006000-backfill-information-systems-owned-mnemonic';
import { KeyInformationSystemsByOwnedMnemonic1797400007000 } from './1797400007000-key-information-systems-by-owned-mnemonic';
import { CreateInterAgencyNotices1797400008000 } from './1797400008000-create-inter-agency-notices';
import { CreateInterAgencyDigests1797400009000 } from './1797400009000-create-inter-agency-digests';
import { KeyDataKindsByEnvironment1797400010000 } from './1797400010000-key-data-kinds-by-environment';
import { AddInformationSystemsReviewHeldAt1797400011000 } from './1797400011000-add-information-systems-review-held-at';
import { CreateRemoteWorkReportStatusEvents1797700000000 } from './1797700000000-create-remote-work-report-status-events';
import { AddUsersPhoneSince1797210000000 } from './1797210000000-add-users-phone-since';
import { BackfillUsersPhoneSince1797210001000 } from './1797210001000-backfill-users-phone-since';
import { RequireUsersPhoneSince1797210002000 } from './1797210002000-require-users-phone-since';
import { CreateLinkCheckDeadlines1797211000000 } from './1797211000000-create-link-check-deadlines';
import { AddDocumentExpiryReminderKind1797610000000 } from './1797610000000-add-document-expiry-reminder-kind';

// Migrations in the order they run; `npm run migration:generate` output is added here.
export const MIGRATIONS: (new () => unknown)[] = [
  ...AUTH_MIGRATIONS,
  CreatePlatformRoleAssignments1795451800000,
  CreateOrganizations1795451810000,
  CreateMemberships1795451811000,
  CreateAccessGrants1795451812000,
  CreateRemoteWorkReports1795451900000,
  CreateRemoteWorkReportRows1795451901000,
  CreateReportDeadlineExtensions1795451902000,
  CreateApiClients1795452100000,
  CreateWebhooks1795452101000,
  CreateWebhookDeliveries1795452102000,
  CreateUserProfiles1795452200000,
  CreateIdentityDocuments1795452201000,
  CreateVehicles1795452202000,
  CreateChildren1795452203000,
  CreateApplications1795452204000,
  CreatePersonRegistry1795452205000,
  CreateDataAccessLog1795452206000,
  CreateFederatedIdentities1795452300000,
  AddSessionDeveloperRepresentative1795452301000,
  CreateSignatureChallenges1795452310000,
  CreateServiceEvents1795452320000,
  CreateNotificationSubscriptions1795452321000,
  CreateNotifications1795452322000,
  CreateWidgets1795452323000,
  AddUserProfileIdentifierIndexes1795452324000,
  AddChildrenSnilsIndex1795452325000,
  CreateInformationSystems1795452330000,
  CreateDataKinds1795452331000,
  CreateInterAgencyAccessRequests1795452332000,
  CreateSpecialQueues1795452333000,
  CreateDeveloperRepresentatives1795452334000,
  CreateInterAgencyAuditLog1795452335000,
  CreateInterAgencyMessages1795452336000,
  CreateInterAgencyMessageEvents1795452337000,
  AddMembershipStatus1796300000000,
  AddMembershipInvitation1796300001000,
  CreateInterAgencyHeldEvents1796700000000,
  AddEnvironmentToInterAgencyMessageEvents1796700001000,
  BackfillInterAgencyMessageEventEnvironments1796700002000,
  KeyInterAgencyMessageEventsByEnvironment1796700003000,
  KeyInterAgencyMessagesByEnvironment1796700004000,
  AddUsersEmailConfirmedAt1796200000000,
  AddUsersHasPassword1796200001000,
  BackfillUsersHasPassword1796200002000,
  CreateRemoteWorkReportRowStage1796400000000,
  IndexRemoteWorkReportsStatusOrg1797040000000,
  AddNotificationsCopiesDueAt1797030000000,
  AddNotificationsCopiesDueIndex1797031000000,
  CreateSignatureIdentities1797020000000,
  AddVehiclesLinkVerification1797200000000,
  AddChildrenLinkVerification1797201000000,
  AddUserProfilesLinkVerification1797202000000,
  BackfillLinkDates1797203000000,
  CreateLinkRegistry1797204000000,
  CreateRemoteWorkReportReminders1797500000000,
  CreateServiceEventSources1797300000000,
  BackfillServiceEventSources1797300001000,
  AddServiceEventsSubjectChangedRevision1797300002000,
  IndexServiceEventsOccurredAt1797300003000,
  CreateNotificationSettings1797300004000,
  IndexDataAccessLogActor1797300005000,
  CreateDataExports1797600000000,
  CreateDocumentExpiryReminders1797600001000,
  AddDataKindsEnvironment1797400000000,
  BackfillDataKindsEnvironment1797400001000,
  RequireDataKindsEnvironment1797400002000,
  CreateInterAgencyNamespaces1797400003000,
  BackfillInterAgencyNamespaces1797400004000,
  AddInformationSystemsOwnedMnemonic1797400005000,
  BackfillInformationSystemsOwnedMnemonic1797400006000,
  KeyInformationSystemsByOwnedMnemonic1797400007000,
  CreateInterAgencyNotices1797400008000,
  CreateInterAgencyDigests1797400009000,
  KeyDataKindsByEnvironment1797400010000,
  AddInformationSystemsReviewHeldAt1797400011000,
  CreateRemoteWorkReportStatusEvents1797700000000,
  AddUsersPhoneSince1797210000000,
  BackfillUsersPhoneSince1797210001000,
  RequireUsersPhoneSince1797210002000,
  CreateLinkCheckDeadlines1797211000000,
  AddDocumentExpiryReminderKind1797610000000,
];
