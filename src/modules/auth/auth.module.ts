import { BullModule } from '@nestjs/bull';
import { Module, OnModuleInit } from '@nestjs/common';
import { QueueName } from '../../queues/queue-names';
import { workerProviders } from '../../queues/worker-providers';
import { TokenVerifier } from '../../shared/auth';
import { RateLimitModule } from '../../core/rate-limit/index';
import { AuditModule } from '../audit';
import { IdentityModule } from '../identity';
import { MessagingModule } from '../messaging';
import { AccountResolver } from './account/account.resolver';
import { AccountService } from './account/account.service';
import { EmailChangeService } from './account/email-change.service';
import { AuthLimits } from './auth-limits';
import { SessionsDataExporter } from './export/sessions-data.exporter';
import { CodeDeliveryService } from './codes/code-delivery.service';
import { CodeSigner } from './codes/code-signer.service';
import { OneTimeCodeService } from './codes/one-time-code.service';
import { PasswordHasher } from './credentials/password-hasher.service';
import { FEDERATED_LOGIN_PROVIDERS } from './federated/federated-login.providers';
import { ACCOUNT_LINK_PROVIDERS } from './linking/account-link.providers';
import { AccountLinkCompletions } from './linking/account-link.completions';
import { AccountLinkService } from './linking/account-link.service';
import { NewAccountFactory } from './linking/new-account.factory';
import { SnilsDisputeService } from './linking/snils-dispute.service';
import { AuthMaintenanceService } from './jobs/auth-maintenance.service';
import { AuthProcessor } from './jobs/auth.processor';
import { EmployeeDirectory } from './login/employee-directory';
import { LoginResolver } from './login/login.resolver';
import { LoginService } from './login/login.service';
import { PasswordRecoveryService } from './recovery/password-recovery.service';
import { PasswordResolver } from './recovery/password.resolver';
import { RegistrationResolver } from './registration/registration.resolver';
import { RegistrationService } from './registration/registration.service';
import { AccountDeletionRepository } from './repositories/account-deletion.repository';
import { OneTimeCodeRepository } from './repositories/one-time-code.repository';
import { PendingRegistrationRepository } from './repositories/pending-registration.repository';
import { RefreshTokenRepository } from './repositories/refresh-token.repository';
import { SessionRepository } from './repositories/session.repository';
import { AccessTokenIssuer } from './sessions/access-token.issuer';
import { SessionResolver } from './sessions/session.resolver';
import { SessionService } from './sessions/session.service';

/**
 * Accounts and sign-in: registration, password and SMS-code login, sessions with rotating
 * refresh tokens, password recovery, account deletion. Organizations, OIDC, e-signature and
 * student logins build on SessionService (sessions carry organization and child context).
 * Accounts and their identifiers are the identity module's.
 */
@Module({
  imports: [
    BullModule.registerQueue({ name: QueueName.Auth }),
    RateLimitModule,
    MessagingModule,
    IdentityModule,
    AuditModule,
  ],
  providers: [
    PendingRegistrationRepository,
    OneTimeCodeRepository,
    SessionRepository,
    RefreshTokenRepository,
    AccountDeletionRepository,
    AuthLimits,
    PasswordHasher,
    CodeSigner,
    OneTimeCodeService,
    CodeDeliveryService,
    AccessTokenIssuer,
    SessionService,
    RegistrationService,
    LoginService,
    EmployeeDirectory,
    PasswordRecoveryService,
    AccountService,
    EmailChangeService,
    ...ACCOUNT_LINK_PROVIDERS,
    AuthMaintenanceService,
    RegistrationResolver,
    LoginResolver,
    SessionResolver,
    PasswordResolver,
    AccountResolver,
    ...FEDERATED_LOGIN_PROVIDERS,
    SessionsDataExporter,
    ...workerProviders(AuthProcessor),
  ],
  exports: [
    SessionService,
    PasswordHasher,
    EmployeeDirectory,
    AccountLinkService,
    AccountLinkCompletions,
    SnilsDisputeService,
    NewAccountFactory,
    SessionsDataExporter,
  ],
})
export class AuthModule implements OnModuleInit {
  constructor(
    private readonly tokens: TokenVerifier,
    private readonly sessions: SessionService,
  ) {}

  // Every verified access token with a session id is checked against its session (a primary-key
  // read), so logout, revocation, refresh-token reuse and password resets take effect at once.
  onModuleInit(): void {
    this.tokens.registerCheck((principal) => this.sessions.isActive(principal));
  }
}
