import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { AttemptLimiter } from '../../../core/rate-limit/index';
import { MessagingService } from '../../messaging';
import { AuthLimits } from '../auth-limits';
import { AuthErrorCode, AuthException } from '../auth.exception';
import type { ClientInfo } from '../client-info.decorator';
import { CodeDeliveryService } from '../codes/code-delivery.service';
import { OneTimeCodeService } from '../codes/one-time-code.service';
import { LoginIdentifier, loginKey, parseLogin } from '../../identity';
import { PasswordHasher } from '../credentials/password-hasher.service';
import { OneTimeCodePurpose } from '../entities/one-time-code.entity';
import { SessionEndReason } from '../entities/session.entity';
import type { UserEntity } from '../../identity';
import { RecoveryChannel } from '../graphql/recovery-channel.enum';
import {
  SECURITY_ANSWER_EMAIL_SUBJECT,
  securityAnswerUsedEmail,
  securityAnswerUsedSms,
} from '../messages';
import { UserRepository } from '../../identity';
import { SessionService } from '../sessions/session.service';

/**
 * Forgotten passwords: a code by SMS or e-mail, or the security answer (a weak factor: 3 tries a
 * day per account, each announced by SMS and e-mail). A new password ends every session.
 */
@Injectable()
export class PasswordRecoveryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly codes: OneTimeCodeService,
    private readonly delivery: CodeDeliveryService,
    private readonly limiter: AttemptLimiter,
    private readonly limits: AuthLimits,
    private readonly messaging: MessagingService,
    private readonly sessions: SessionService,
  ) {}

  /** Always true (no account enumeration); the worker sends a code when the account exists. */
  async requestReset(
    rawLogin: string,
    channel: RecoveryChannel,
    client: ClientInfo,
  ): Promise<boolean> {
    const login = await this.readLogin(rawLogin, client);
    await this.limiter.consume(this.limits.codeRequests, `${channel}:${loginKey(login)}`);
    await this.delivery.request({ purpose: OneTimeCodePurpose.Reset, login, channel });
    return true;
  }

  async resetWithCode(
    rawLogin: string,
    code: string,
    newPassword: string,
    client: ClientInfo,
  ): Promise<boolean> {
    const login = await this.readLogin(rawLogin, client);
    const key = loginKey(login);
    await this.limiter.consume(this.limits.credentialFailures, key);
    const user = await this.users.findByLogin(this.dataSource.manager, login);
    const valid = await this.codes.verify(user?.id ?? null, OneTimeCodePurpose.Reset, code);
    if (!user || !valid) {
      throw AuthException.codeInvalid();
    }
    await this.setPassword(user, newPassword);
    await this.limiter.reset(this.limits.credentialFailures, key);
    return true;
  }

  async resetWithSecurityAnswer(
    rawLogin: string,
    answer: string,
    newPassword: string,
    client: ClientInfo,
  ): Promise<boolean> {
    const login = await this.readLogin(rawLogin, client);
    const user = await this.users.findByLogin(this.dataSource.manager, login);
    // Per account when it exists (all its logins share the 3 tries), else per login: an unknown
    // login is refused the same way, so the limit does not reveal which logins exist.
    await this.limiter.consume(
      this.limits.securityAnswers,
      user ? `user:${user.id}` : loginKey(login),
    );
    const valid = await this.hasher.verifySecurityAnswer(user?.securityAnswerHash, answer);
    if (!user) {
      throw invalidAnswer();
    }
    if (!valid) {
      await this.announceSecurityAnswerUse(user, false);
      throw invalidAnswer();
    }
    await this.setPassword(user, newPassword);
    await this.announceSecurityAnswerUse(user, true);
    return true;
  }

  private async readLogin(rawLogin: string, client: ClientInfo): Promise<LoginIdentifier> {
    await this.limiter.consume(this.limits.attemptsPerIp, client.ip ?? 'unknown');
    const login = parseLogin(rawLogin);
    if (!login) {
      throw AuthException.loginInvalid();
    }
    return login;
  }

  private async setPassword(user: UserEntity, newPassword: string): Promise<void> {
    const hash = await this.hasher.hash(newPassword);
    await this.tx.run(async (em) => {
      await this.users.updatePasswordHash(em, user.id, hash, new Date());
      await this.sessions.endAll(em, user.id, SessionEndReason.PasswordReset);
    });
    await this.sessions.announceEnded(user.id);
  }

  private async announceSecurityAnswerUse(user: UserEntity, succeeded: boolean): Promise<void> {
    await this.messaging.sendSms(user.phone, securityAnswerUsedSms(succeeded));
    if (user.email) {
      await this.messaging.sendEmail(
        user.email,
        SECURITY_ANSWER_EMAIL_SUBJECT,
        securityAnswerUsedEmail(succeeded),
      );
    }
  }
}

function invalidAnswer(): AuthException {
  return new AuthException(
    AuthErrorCode.INVALID_CREDENTIALS,
    'Неверный логин или ответ на контрольный вопрос',
  );
}
