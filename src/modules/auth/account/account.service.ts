import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { AttemptLimiter } from '../../../core/rate-limit/index';
import { AuthLimits } from '../auth-limits';
import { AuthErrorCode, AuthException } from '../auth.exception';
import { PasswordHasher } from '../credentials/password-hasher.service';
import { SessionEndReason } from '../entities/session.entity';
import type { UserEntity } from '../../identity';
import { User } from '../graphql/user.type';
import { toUser } from '../graphql/user.mapper';
import { AccountDeletionRepository } from '../repositories/account-deletion.repository';
import { OneTimeCodeRepository } from '../repositories/one-time-code.repository';
import { PendingRegistrationRepository } from '../repositories/pending-registration.repository';
import { SessionRepository } from '../repositories/session.repository';
import { UserRepository } from '../../identity';
import { SessionService } from '../sessions/session.service';
import { AccountDeletionRegistry } from '../../identity';
import { accountOwnerId } from '../../identity';

/** The signed-in person's own account: `me`, changing the password, deleting the account. */
@Injectable()
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly users: UserRepository,
    private readonly pending: PendingRegistrationRepository,
    private readonly codes: OneTimeCodeRepository,
    private readonly sessionRows: SessionRepository,
    private readonly deletions: AccountDeletionRepository,
    private readonly registry: AccountDeletionRegistry,
    private readonly hasher: PasswordHasher,
    private readonly limiter: AttemptLimiter,
    private readonly limits: AuthLimits,
    private readonly sessions: SessionService,
  ) {}

  async me(principal: AuthPrincipal): Promise<User> {
    return toUser(await this.ownAccount(principal));
  }

  /** Sets a new password; every other session ends (the caller's stays signed in). */
  async changePassword(
    principal: AuthPrincipal,
    currentPassword: string,
    newPassword: string,
  ): Promise<boolean> {
    const user = await this.checkPassword(principal, currentPassword, 'currentPassword');
    const hash = await this.hasher.hash(newPassword);
    await this.tx.run(async (em) => {
      await this.users.updatePasswordHash(em, user.id, hash, new Date());
      await this.sessions.endAll(
        em,
        user.id,
        SessionEndReason.PasswordChanged,
        principal.sessionId ?? undefined,
      );
    });
    await this.sessions.announceEnded(user.id);
    return true;
  }

  /**
   * Deletes the account and everything of it, in one transaction: other modules' data (through
   * {@link AccountDeletionRegistry}), codes, pending registrations of its phone, sessions and the
   * account itself. What stays is an `account_deletions` row: the id and the time, nothing
   * personal. The phone is free to register again.
   */
  async deleteAccount(principal: AuthPrincipal, password: string): Promise<boolean> {
    const user = await this.checkPassword(principal, password, 'password');
    await this.tx.run(async (em) => {
      await this.registry.assertDeletable(em, user.id);
      await this.registry.purge(em, user.id);
      await this.codes.deleteForUser(em, user.id);
      await this.pending.deleteByPhone(em, user.phone);
      await this.sessionRows.deleteForUser(em, user.id);
      await this.users.delete(em, user.id);
      await this.deletions.insert(em, { id: randomUUID(), userId: user.id, deletedAt: new Date() });
    });
    await this.sessions.announceEnded(user.id);
    return true;
  }

  private async ownAccount(principal: AuthPrincipal): Promise<UserEntity> {
    const user = await this.users.findById(this.dataSource.manager, accountOwnerId(principal));
    if (!user) {
      throw new AuthException(AuthErrorCode.ACCOUNT_NOT_FOUND, 'Учётная запись не найдена');
    }
    return user;
  }

  // The password guard of sensitive changes, limited like sign-in (a stolen session must not
  // be able to guess the password quickly). Counted per session, so strangers' sign-in
  // failures on the account cannot block its holder here.
  private async checkPassword(
    principal: AuthPrincipal,
    password: string,
    field: string,
  ): Promise<UserEntity> {
    const user = await this.ownAccount(principal);
    const [limit, key] = principal.sessionId
      ? [this.limits.signedInFailures, `session:${principal.sessionId}`]
      : [this.limits.credentialFailures, `user:${user.id}`];
    await this.limiter.consume(limit, key);
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      throw AuthException.wrongPassword(field);
    }
    await this.limiter.reset(limit, key);
    return user;
  }
}
