import { Module, OnModuleInit } from '@nestjs/common';
import { RateLimitModule } from '../../core/rate-limit/index';
import { AuditModule } from '../audit';
import { MessagingModule } from '../messaging';
import { NotificationsModule } from '../notifications';
import { AuthModule, EmployeeDirectory } from '../auth';
import { AccountDeletionRegistry, IdentityModule } from '../identity';
import { OrganizationAccess } from './access/organization-access.service';
import { AuthPayloadOrganizationResolver } from './context/auth-payload-organization.resolver';
import { RepresentationDirectory } from './context/representation-directory';
import { OrganizationContextService } from './context/organization-context.service';
import { OrganizationLoaders } from './context/organization-loaders.service';
import { OrganizationResolver } from './context/organization.resolver';
import { AccessGrantResolver } from './grants/access-grant.resolver';
import { AccessGrantService } from './grants/access-grant.service';
import { EmployeeLookupService } from './members/employee-lookup.service';
import { InvitationService } from './members/invitation.service';
import { MembershipFieldsResolver } from './members/membership-fields.resolver';
import { MembershipResolver } from './members/membership.resolver';
import { MembershipService } from './members/membership.service';
import { AccessGrantRepository } from './repositories/access-grant.repository';
import { MemberPersonRepository } from './repositories/member-person.repository';
import { MembershipRepository } from './repositories/membership.repository';
import { OrganizationRepository } from './repositories/organization.repository';
import { SignatureChallengeRepository } from './repositories/signature-challenge.repository';
import { SignatureIdentityRepository } from './repositories/signature-identity.repository';
import { CertificateRevocationChecker } from './signature/certificate-revocation.checker';
import { QualifiedSignatureService } from './signature/qualified-signature.service';
import { SignatureChallengeService } from './signin/signature-challenge.service';
import { SignatureLoginResolver } from './signin/signature-login.resolver';
import { SignatureDeclineService } from './signin/signature-decline.service';
import { SignatureLoginService } from './signin/signature-login.service';
import { SignerOrganizationService } from './signin/signer-organization.service';
import { MembershipsDataExporter } from './export/memberships-data.exporter';

/**
 * Organizations: qualified e-signature sign-in, the session's organization context, members and
 * access grants; the access rule other modules rely on. Employee logins and the sole-HEAD rule
 * of account deletion are registered with auth.
 */
@Module({
  imports: [
    AuthModule,
    IdentityModule,
    AuditModule,
    RateLimitModule,
    NotificationsModule,
    MessagingModule,
  ],
  providers: [
    OrganizationAccess,
    QualifiedSignatureService,
    CertificateRevocationChecker,
    OrganizationRepository,
    MembershipRepository,
    AccessGrantRepository,
    MemberPersonRepository,
    SignatureChallengeRepository,
    SignatureIdentityRepository,
    OrganizationLoaders,
    SignatureChallengeService,
    SignerOrganizationService,
    SignatureDeclineService,
    SignatureLoginService,
    OrganizationContextService,
    MembershipService,
    InvitationService,
    AccessGrantService,
    EmployeeLookupService,
    SignatureLoginResolver,
    OrganizationResolver,
    AuthPayloadOrganizationResolver,
    MembershipResolver,
    MembershipFieldsResolver,
    AccessGrantResolver,
    RepresentationDirectory,
    MembershipsDataExporter,
  ],
  exports: [OrganizationAccess, RepresentationDirectory, MembershipsDataExporter],
})
export class OrganizationsModule implements OnModuleInit {
  constructor(
    private readonly employees: EmployeeDirectory,
    private readonly deletion: AccountDeletionRegistry,
    private readonly lookup: EmployeeLookupService,
  ) {}

  onModuleInit(): void {
    this.employees.register((inn, personnelNumber) => this.lookup.find(inn, personnelNumber));
    this.deletion.register({
      assertDeletable: (em, userId) => this.lookup.assertDeletable(em, userId),
      purge: (em, userId) => this.lookup.purge(em, userId),
    });
  }
}
