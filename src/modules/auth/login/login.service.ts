import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cleanText } from '../../../shared/identifiers';
import { AttemptLimit, AttemptLimiter } from '../../../core/rate-limit/index';
import { AuthLimits } from '../auth-limits';
import { AuthErrorCode, AuthException } from '../auth.exception';
import type { ClientInfo } from '../client-info.decorator';
import { CodeDeliveryService } from '../codes/code-delivery.service';
import { OneTimeCodeService } from '../codes/one-time-code.service';
import { LoginIdentifier, loginKey, parseLogin } from '../../identity';
import { PasswordHasher } from '../credentials/password-hasher.service';
import { OneTimeCodePurpose } from '../entities/one-time-code.entity';
import type { UserEntity } from '../../identity';
import { AuthPayload } from '../graphql/auth.payload';
import { RecoveryChannel } from '../graphql/recovery-channel.enum';
import { UserRepository } from '../../identity';
import { SessionService } from '../sessions/session.service';
import { EmployeeDirectory } from './employee-directory';

/** The account a login names and, for an employee login, the organization it signs in to. */
interface Signer {
  user: UserEntity;
  organizationId: string | null;
}

/** Where an attempt was counted, to clear it on success. */
interface Counted {
  limit: AttemptLimit;
  key: string;
}

/**
 * Sign-in by password or by SMS code. Every attempt is counted per IP and per account (every
 * login of one account shares the count; a login naming no account is counted per spelling)
 * before it is checked, so the limit holds for parallel requests and aliased mutations alike; a
 * success clears the count. A client sending a refresh token of the account is counted per
 * session instead, so strangers' failures cannot lock the holder out. Unknown logins fail
 * exactly like wrong secrets, in message and in time.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly codes: OneTimeCodeService,
    private readonly delivery: CodeDeliveryService,
    private readonly limiter: AttemptLimiter,
    private readonly limits: AuthLimits,
    private readonly sessions: SessionService,
    private readonly employees: EmployeeDirectory,
  ) {}

  async login(
    rawLogin: string,
    password: string,
    client: ClientInfo,
    refreshToken: string | null = null,
  ): Promise<AuthPayload> {
    const { login, signer, counted } = await this.countAttempt(rawLogin, client, refreshToken);
    const user = signer?.user ?? null;
    const valid = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !valid) {
      throw AuthException.invalidCredentials();
    }
    if (login?.kind === 'school') {
      // A student signs in with the parent's password; the session acts for the child only.
      const found = await this.users.findBySchoolLogin(this.dataSource.manager, login.schoolLogin);
      if (!found) {
        throw AuthException.invalidCredentials();
      }
      await this.limiter.reset(counted.limit, counted.key);
      return this.sessions.start(user, client, { actingChildId: found.childId });
    }
    return this.signIn(user, counted, client, signer?.organizationId ?? null);
  }

  /**
   * Texts a login code to a phone, or for an employee login (`<INN>/<personnel number>`) to that
   * member's phone. Answers true whether or not the login names an account.
   */
  async requestCode(rawLogin: string, client: ClientInfo): Promise<boolean> {
    await this.limiter.consume(this.limits.attemptsPerIp, client.ip ?? 'unknown');
    const login = parseLogin(rawLogin);
    if (!login) {
      throw AuthException.loginInvalid();
    }
    if (login.kind === 'employee') {
      await this.limiter.consume(this.limits.codeRequests, loginKey(login));
      // The membership is looked up here (the worker only knows accounts); the code goes to the
      // member's own phone, and the job is the same as for a phone login.
      const signer = await this.findSigner(login);
      if (signer) {
        await this.delivery.request({
          purpose: OneTimeCodePurpose.Login,
          login: { kind: 'phone', phone: signer.user.phone },
          channel: RecoveryChannel.SMS,
        });
      }
      return true;
    }
    if (login.kind !== 'phone') {
      throw new AuthException(
        AuthErrorCode.CODE_LOGIN_NOT_SUPPORTED,
        'Вход по коду доступен по номеру телефона',
        { fields: [{ field: 'login', message: 'Укажите номер мобильного телефона' }] },
      );
    }
    await this.limiter.consume(this.limits.codeRequests, loginKey(login));
    await this.delivery.request({
      purpose: OneTimeCodePurpose.Login,
      login,
      channel: RecoveryChannel.SMS,
    });
    return true;
  }

  async loginWithCode(
    rawLogin: string,
    code: string,
    client: ClientInfo,
    refreshToken: string | null = null,
  ): Promise<AuthPayload> {
    const { signer, counted } = await this.countAttempt(rawLogin, client, refreshToken);
    const user = signer?.user ?? null;
    const valid = await this.codes.verify(user?.id ?? null, OneTimeCodePurpose.Login, code);
    if (!user || !valid) {
      throw AuthException.codeInvalid();
    }
    return this.signIn(user, counted, client, signer?.organizationId ?? null);
  }

  // An employee login names a membership: its account, signed in with that organization's
  // context. Every other login names an account alone.
  private async findSigner(login: LoginIdentifier): Promise<Signer | null> {
    const em = this.dataSource.manager;
    if (login.kind !== 'employee') {
      const user = await this.users.findByLogin(em, login);
      return user ? { user, organizationId: null } : null;
    }
    const employee = await this.employees.find(login.inn, login.personnelNumber);
    const user = employee ? await this.users.findById(em, employee.userId) : null;
    return employee && user ? { user, organizationId: employee.organizationId } : null;
  }

  // Counts the attempt per IP, then per account: a phone, an e-mail, a SNILS and an employee
  // login of one account share `user:<id>` (the key changePassword and deleteAccount count
  // under too). A login naming no account is counted under its spelling (an unreadable one
  // under its text), as before, so probing unknown logins is limited as well. With a refresh
  // token of the account the attempt is counted per session instead.
  private async countAttempt(
    rawLogin: string,
    client: ClientInfo,
    refreshToken: string | null,
  ): Promise<{ login: LoginIdentifier | null; signer: Signer | null; counted: Counted }> {
    await this.limiter.consume(this.limits.attemptsPerIp, client.ip ?? 'unknown');
    const login = parseLogin(rawLogin);
    const signer = login ? await this.findSigner(login) : null;
    const user = signer?.user ?? null;
    const sessionId = refreshToken
      ? await this.sessions.signedInBefore(refreshToken, user?.id ?? null)
      : null;
    let counted: Counted;
    if (sessionId) {
      counted = { limit: this.limits.signedInFailures, key: `session:${sessionId}` };
    } else if (user) {
      counted = { limit: this.limits.credentialFailures, key: `user:${user.id}` };
    } else {
      const key = login ? loginKey(login) : `raw:${cleanText(rawLogin).toLowerCase()}`;
      counted = { limit: this.limits.credentialFailures, key };
    }
    await this.limiter.consume(counted.limit, counted.key);
    return { login, signer, counted };
  }

  private async signIn(
    user: UserEntity,
    counted: Counted,
    client: ClientInfo,
    organizationId: string | null,
  ): Promise<AuthPayload> {
    await this.limiter.reset(counted.limit, counted.key);
    return this.sessions.start(user, client, { organizationId });
  }
}
