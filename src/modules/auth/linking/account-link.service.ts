import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AttemptLimiter } from '../../../shared/rate-limit';
import { MessagingService } from '../../messaging';
import { AuthLimits } from '../auth-limits';
import type { ClientInfo } from '../client-info.decorator';
import { OneTimeCodeService } from '../codes/one-time-code.service';
import { PasswordHasher } from '../credentials/password-hasher.service';
import { OneTimeCodePurpose } from '../entities/one-time-code.entity';
import type { UserEntity } from '../../identity';
import type { AuthPayload } from '../graphql/auth.payload';
import { accountLinkCodeSms } from '../messages';
import { UserRepository } from '../../identity';
import { AccountLinkCompletions } from './account-link.completions';
import { AccountLinkException, AccountLinkProof } from './account-link.exception';
import { AccountLinkStore, PendingAccountLink } from './account-link.store';

/**
 * "First broker login": a provider identity or certificate that matches an account here not
 * yet linked to it signs nobody in. The client gets a link token; the holder then proves the
 * account (its password, or a code sent to its phone) to link and sign in, or declines it to get
 * a new account of their own.
 */
@Injectable()
export class AccountLinkService {
  private readonly logger = new Logger(AccountLinkService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: AccountLinkStore,
    private readonly completions: AccountLinkCompletions,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly codes: OneTimeCodeService,
    private readonly limiter: AttemptLimiter,
    private readonly limits: AuthLimits,
    private readonly messaging: MessagingService,
  ) {}

  /** Stores the pending link and answers the refusal that carries its token. */
  async offer(
    link: PendingAccountLink,
    user: UserEntity,
    client: ClientInfo,
  ): Promise<AccountLinkException> {
    const token = await this.store.put(link, client);
    const proofs = user.hasPassword
      ? [AccountLinkProof.PASSWORD, AccountLinkProof.SMS_CODE]
      : [AccountLinkProof.SMS_CODE];
    this.logger.log(`sign-in (${link.kind}) matched account ${user.id}: link required`);
    return AccountLinkException.required(token, proofs, maskPhone(user.phone));
  }

  async requestCode(token: string, client: ClientInfo): Promise<boolean> {
    await this.limiter.consume(this.limits.attemptsPerIp, client.ip ?? 'unknown');
    const { user } = await this.pending(token, client);
    await this.limiter.consume(this.limits.codeRequests, `link:${user.phone}`);
    const code = await this.codes.issue(user.id, OneTimeCodePurpose.AccountLink, user.phone);
    await this.messaging.sendSms(user.phone, accountLinkCodeSms(code));
    return true;
  }

  async confirm(
    token: string,
    password: string | null | undefined,
    code: string | null | undefined,
    client: ClientInfo,
  ): Promise<AuthPayload> {
    await this.limiter.consume(this.limits.attemptsPerIp, client.ip ?? 'unknown');
    if (!password && !code) {
      throw AccountLinkException.proofRequired();
    }
    const { user } = await this.pending(token, client);
    const key = `user:${user.id}`;
    await this.limiter.consume(this.limits.credentialFailures, key);
    const proven = password
      ? (await this.hasher.verify(user.passwordHash, password)) && user.hasPassword
      : await this.codes.verify(user.id, OneTimeCodePurpose.AccountLink, code ?? '');
    if (!proven) {
      await this.store.countFailure(token);
      throw AccountLinkException.proofInvalid();
    }
    const taken = await this.store.take(token, client);
    if (!taken) {
      throw AccountLinkException.tokenInvalid();
    }
    await this.limiter.reset(this.limits.credentialFailures, key);
    return this.completions.get(taken.kind).link(taken, client);
  }

  async decline(token: string, client: ClientInfo): Promise<AuthPayload> {
    await this.limiter.consume(this.limits.attemptsPerIp, client.ip ?? 'unknown');
    const taken = await this.store.take(token, client);
    if (!taken) {
      throw AccountLinkException.tokenInvalid();
    }
    return this.completions.get(taken.kind).decline(taken, client);
  }

  private async pending(
    token: string,
    client: ClientInfo,
  ): Promise<{ link: PendingAccountLink; user: UserEntity }> {
    const link = await this.store.peek(token, client);
    const user = link ? await this.users.findById(this.dataSource.manager, link.userId) : null;
    if (!link || !user) {
      throw AccountLinkException.tokenInvalid();
    }
    return { link, user };
  }
}

/** `+7 916 ***-**-67`: enough for the holder to recognise the phone, not to learn it. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `+${digits.slice(0, 1)} ${digits.slice(1, 4)} ***-**-${digits.slice(-2)}`;
}
