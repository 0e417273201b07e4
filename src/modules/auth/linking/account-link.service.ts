import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { authConfig } from '../../../config/configuration';
import { checkMobilePhone } from '../../../shared/identifiers';
import { AttemptLimiter } from '../../../core/rate-limit/index';
import { MessagingService } from '../../messaging';
import { AuthLimits } from '../auth-limits';
import type { ClientInfo } from '../client-info.decorator';
import { AuthException } from '../auth.exception';
import { CodeSigner } from '../codes/code-signer.service';
import { CODE_MAX_ATTEMPTS, generateCode } from '../codes/one-time-code';
import { OneTimeCodeService } from '../codes/one-time-code.service';
import { PasswordHasher } from '../credentials/password-hasher.service';
import { OneTimeCodePurpose } from '../entities/one-time-code.entity';
import type { UserEntity } from '../../identity';
import type { AuthPayload } from '../graphql/auth.payload';
import { accountLinkCodeSms, newAccountPhoneCodeSms } from '../messages';
import { loginKey, UserRepository } from '../../identity';
import { AccountLinkCompletions } from './account-link.completions';
import type { ProvenNewAccountPhone } from './account-link.completions';
import { AccountLinkException, AccountLinkProof } from './account-link.exception';
import {
  ACCOUNT_LINK_TTL_SECONDS,
  AccountLinkStore,
  NewAccountPhoneCode,
  PendingAccountLink,
} from './account-link.store';

// Compared against when there is no code, so a check costs the same either way.
const NO_HASH = '0'.repeat(64);

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
    private readonly signer: CodeSigner,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
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

  /**
   * Texts a code to the phone the new account of a declined link is to get, for sign-ins that
   * carry no phone (a qualified certificate). Whether the phone is taken is told only to whoever
   * proves it (at the decline), as at registration, so this cannot probe for accounts.
   */
  async requestNewAccountPhoneCode(
    token: string,
    phoneInput: string,
    client: ClientInfo,
  ): Promise<boolean> {
    await this.limiter.consume(this.limits.attemptsPerIp, client.ip ?? 'unknown');
    const phone = normalizedPhone(phoneInput);
    const link = await this.store.peek(token, client);
    if (!link) {
      throw AccountLinkException.tokenInvalid();
    }
    if (!this.completions.get(link.kind).declineNeedsPhone) {
      throw AccountLinkException.newAccountPhoneNotNeeded();
    }
    await this.limiter.consume(this.limits.codeRequests, loginKey({ kind: 'phone', phone }));
    const code = generateCode();
    const codeId = randomUUID();
    const stored: NewAccountPhoneCode = {
      phone,
      codeId,
      codeHash: this.signer.hash(phoneCodeContext(codeId, phone), code),
    };
    const ttl = Math.min(this.config.otpTtlSeconds, ACCOUNT_LINK_TTL_SECONDS);
    await this.store.putPhoneCode(token, stored, ttl);
    await this.messaging.sendSms(phone, newAccountPhoneCodeSms(code));
    return true;
  }

  /**
   * "Not my account": the link token is spent and the flow creates a new account. A flow whose
   * identity carries no phone needs the phone and the code sent to it first; a wrong code, a
   * taken phone or a missing proof leaves the link token in place for another try.
   */
  async decline(
    token: string,
    phone: string | null | undefined,
    code: string | null | undefined,
    client: ClientInfo,
  ): Promise<AuthPayload> {
    await this.limiter.consume(this.limits.attemptsPerIp, client.ip ?? 'unknown');
    const link = await this.store.peek(token, client);
    if (!link) {
      throw AccountLinkException.tokenInvalid();
    }
    const completion = this.completions.get(link.kind);
    const proven = completion.declineNeedsPhone ? await this.provePhone(token, phone, code) : null;
    const taken = await this.store.take(token, client);
    if (!taken) {
      throw AccountLinkException.tokenInvalid();
    }
    return completion.decline(taken, client, proven);
  }

  private async provePhone(
    token: string,
    phoneInput: string | null | undefined,
    code: string | null | undefined,
  ): Promise<ProvenNewAccountPhone> {
    if (!phoneInput || !code) {
      throw AccountLinkException.newAccountPhoneRequired();
    }
    const phone = normalizedPhone(phoneInput);
    // Each check counts before comparing (5 per code, as for every code); the code is bound to
    // the phone it was sent to.
    const stored = await this.store.phoneCodeForCheck(token, CODE_MAX_ATTEMPTS);
    let matches = false;
    if (stored) {
      const context = phoneCodeContext(stored.codeId, phone);
      matches = this.signer.matches(context, code, stored.codeHash) && stored.phone === phone;
    } else {
      this.signer.matches('none', code, NO_HASH);
    }
    if (!matches || !(await this.store.spendPhoneCode(token))) {
      throw AuthException.codeInvalid();
    }
    // Told to whoever proved the phone only; the unique key settles a race at the insert.
    if (await this.users.findByPhone(this.dataSource.manager, phone)) {
      throw AccountLinkException.newAccountPhoneTaken();
    }
    return { phone };
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

function normalizedPhone(input: string): string {
  const checked = checkMobilePhone(input);
  if (!checked.valid) {
    // The argument's validator refuses these first; kept for callers other than GraphQL.
    throw AccountLinkException.newAccountPhoneRequired();
  }
  return checked.normalized;
}

function phoneCodeContext(codeId: string, phone: string): string {
  return `NEW_ACCOUNT_PHONE:${phone}:${codeId}`;
}
