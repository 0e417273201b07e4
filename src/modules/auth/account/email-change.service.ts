import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { authConfig } from '../../../config/configuration';
import type { AuthPrincipal } from '../../../shared/auth';
import { isDuplicateKey } from '../../../shared/database/duplicate-key';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { AttemptLimiter } from '../../../core/rate-limit/index';
import { MessagingService } from '../../messaging';
import { AuthLimits } from '../auth-limits';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { OneTimeCodeService } from '../codes/one-time-code.service';
import { PasswordHasher } from '../credentials/password-hasher.service';
import { OneTimeCodePurpose } from '../entities/one-time-code.entity';
import type { UserEntity } from '../../identity';
import { User } from '../graphql/user.type';
import { toUser } from '../graphql/user.mapper';
import {
  EMAIL_CHANGE_CODE_EMAIL_SUBJECT,
  EMAIL_CHANGED_EMAIL_SUBJECT,
  emailChangeCodeEmail,
  emailChangedEmail,
  emailChangedSms,
} from '../messages';
import { SessionRepository } from '../repositories/session.repository';
import { UserRepository } from '../../identity';
import { accountOwnerId } from '../../identity';

/** How fresh a sign-in must be to stand in for the password of an account without one. */
export const RECENT_SIGN_IN_MS = 5 * 60 * 1000;

/**
 * Changing (or confirming) the account's e-mail: the holder proves the account (password, or a
 * fresh sign-in when it has none), a code goes to the new address (OTP_TTL_SECONDS, 5 checks),
 * and only the code sets the address, confirmed. The old address and the phone are told.
 */
@Injectable()
export class EmailChangeService {
  private readonly logger = new Logger(EmailChangeService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly codes: OneTimeCodeService,
    private readonly limiter: AttemptLimiter,
    private readonly limits: AuthLimits,
    private readonly messaging: MessagingService,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async request(
    principal: AuthPrincipal,
    rawEmail: string,
    currentPassword: string | null | undefined,
  ): Promise<boolean> {
    const user = await this.ownAccount(principal);
    const email = rawEmail.trim().toLowerCase();
    await this.proveAccount(principal, user, currentPassword);
    if (email === user.email && user.emailConfirmedAt) {
      throw new AuthException(
        AuthErrorCode.EMAIL_UNCHANGED,
        'Этот адрес уже подтверждён для вашей учётной записи',
        { fields: [{ field: 'email', message: 'Адрес уже подтверждён' }] },
      );
    }
    const holder = await this.users.findByEmail(this.dataSource.manager, email);
    if (holder && holder.id !== user.id) {
      throw emailTaken();
    }
    await this.limiter.consume(this.limits.codeRequests, `email:${email}`);
    const code = await this.codes.issue(user.id, OneTimeCodePurpose.EmailChange, email);
    await this.messaging.sendEmail(
      email,
      EMAIL_CHANGE_CODE_EMAIL_SUBJECT,
      emailChangeCodeEmail(code, this.config.otpTtlSeconds),
    );
    return true;
  }

  async confirm(principal: AuthPrincipal, code: string): Promise<User> {
    const user = await this.ownAccount(principal);
    const key = `user:${user.id}`;
    await this.limiter.consume(this.limits.credentialFailures, key);
    const email = await this.codes.take(user.id, OneTimeCodePurpose.EmailChange, code);
    if (!email) {
      throw AuthException.codeInvalid();
    }
    const now = new Date();
    try {
      await this.tx.run((em) => this.users.updateConfirmedEmail(em, user.id, email, now));
    } catch (error) {
      // Another account took the address between the request and the code.
      if (isDuplicateKey(error, 'UQ_users_email')) {
        throw emailTaken();
      }
      throw error;
    }
    await this.limiter.reset(this.limits.credentialFailures, key);
    if (user.email !== email) {
      await this.announce(user, email, now);
    }
    this.logger.log(`account ${user.id}: e-mail ${user.email === email ? 'confirmed' : 'changed'}`);
    return toUser({ ...user, email, emailConfirmedAt: now, updatedAt: now });
  }

  // The old address (if any) and the phone hear of the change, with the devices signed in now:
  // the other sessions stay, so the holder can end any that is not theirs.
  private async announce(user: UserEntity, email: string, now: Date): Promise<void> {
    const openedAfter = new Date(now.getTime() - this.config.sessionMaxDays * 86_400_000);
    const active = await this.sessions.findActiveByUser(
      this.dataSource.manager,
      user.id,
      now,
      openedAfter,
    );
    await this.messaging.sendSms(user.phone, emailChangedSms(email));
    if (user.email) {
      await this.messaging.sendEmail(
        user.email,
        EMAIL_CHANGED_EMAIL_SUBJECT,
        emailChangedEmail(email, active),
      );
    }
  }

  // A password when the account has one (counted like sign-in failures); else a sign-in of this
  // session less than 5 minutes old, as a stolen long-lived session must not suffice.
  private async proveAccount(
    principal: AuthPrincipal,
    user: UserEntity,
    currentPassword: string | null | undefined,
  ): Promise<void> {
    if (user.hasPassword) {
      if (!currentPassword) {
        const message = 'Введите текущий пароль';
        throw new AuthException(AuthErrorCode.PASSWORD_REQUIRED, message, {
          fields: [{ field: 'currentPassword', message }],
        });
      }
      const key = `user:${user.id}`;
      await this.limiter.consume(this.limits.credentialFailures, key);
      if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
        throw AuthException.wrongPassword('currentPassword');
      }
      await this.limiter.reset(this.limits.credentialFailures, key);
      return;
    }
    const session = principal.sessionId
      ? await this.sessions.findById(this.dataSource.manager, principal.sessionId)
      : null;
    if (!session || Date.now() - session.createdAt.getTime() > RECENT_SIGN_IN_MS) {
      throw new AuthException(
        AuthErrorCode.RECENT_SIGN_IN_REQUIRED,
        'Для смены адреса электронной почты войдите заново и повторите в течение 5 минут',
      );
    }
  }

  private async ownAccount(principal: AuthPrincipal): Promise<UserEntity> {
    const user = await this.users.findById(this.dataSource.manager, accountOwnerId(principal));
    if (!user) {
      throw new AuthException(AuthErrorCode.ACCOUNT_NOT_FOUND, 'Учётная запись не найдена');
    }
    return user;
  }
}

function emailTaken(): AuthException {
  return new AuthException(
    AuthErrorCode.EMAIL_TAKEN,
    'Этот адрес электронной почты уже используется другой учётной записью',
    { fields: [{ field: 'email', message: 'Адрес уже используется' }] },
  );
}
