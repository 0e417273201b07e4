// The auth module's public surface: the only path other modules import from.
export { AuthModule } from './auth.module';
export { PasswordHasher } from './credentials/password-hasher.service';
export { AccessLevel } from './graphql/access-level.enum';
export { AuthPayload } from './graphql/auth.payload';
export { User } from './graphql/user.type';
export { toUser } from './graphql/user.mapper';
export { SessionService } from './sessions/session.service';
export { EmployeeDirectory } from './login/employee-directory';
export type { EmployeeAccount } from './login/employee-directory';
export type { SessionContext } from './sessions/session.service';
export { CurrentClient } from './client-info.decorator';
export type { ClientInfo } from './client-info.decorator';
export { AccountLinkService } from './linking/account-link.service';
export { AccountLinkCompletions } from './linking/account-link.completions';
export { AccountLinkException } from './linking/account-link.exception';
export type {
  AccountLinkCompletion,
  ProvenNewAccountPhone,
} from './linking/account-link.completions';
export { SnilsDisputeService } from './linking/snils-dispute.service';
export type { SnilsAuthority } from './linking/snils-dispute.service';
export { NewAccountFactory } from './linking/new-account.factory';
export type { PendingAccountLink } from './linking/account-link.store';
export { SessionsDataExporter } from './export/sessions-data.exporter';
