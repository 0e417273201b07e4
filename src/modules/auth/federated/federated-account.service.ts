import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { AuditActorKind, DataAccessAction, DataAccessLogService } from '../../audit';
import type { DataAccessEntry } from '../../audit';
import type { ClientInfo } from '../client-info.decorator';
import { AuthPayload } from '../graphql/auth.payload';
import { AccountLinkCompletions } from '../linking/account-link.completions';
import { AccountLinkException } from '../linking/account-link.exception';
import { NewAccountFactory } from '../linking/new-account.factory';
import type { PendingAccountLink } from '../linking/account-link.store';
import { SnilsDisputeService } from '../linking/snils-dispute.service';
import type { SnilsAuthority } from '../linking/snils-dispute.service';
import { UserEntity } from '../../identity';
import { UserRepository } from '../../identity';
import type { OpenedSession } from '../sessions/session.service';
import { SessionService } from '../sessions/session.service';
import { FederatedClaims, missingForNewAccount } from './federated-claims';
import { FederatedIdentityEntity } from '../../identity';
import { FederatedIdentityRepository } from '../../identity';
import { FederatedLoginException } from './federated-login.exception';
import { TrustedSnilsRepository } from '../../identity';
import { isDuplicateKey } from '../../../shared/database/duplicate-key';

const PROVIDER_LABEL = 'Госуслуги';

const PROVIDER_AUTHORITY: SnilsAuthority = {
  label: PROVIDER_LABEL,
  disputedPurpose: 'СНИЛС оспорен: владелец подтвердил его через Госуслуги',
  confirmedPurpose: 'СНИЛС подтверждён Госуслугами и снят с другой учётной записи',
};

/** How the account of a federated sign-in was found. */
export type FederatedAccountOrigin = 'identity' | 'snils' | 'phone' | 'created';

/** The account-link kind of federated sign-ins (see AccountLinkCompletions). */
export const FEDERATED_LINK_KIND = 'federated';

/** What a federated sign-in waiting for the account holder keeps with its link token. */
interface FederatedLinkData {
  issuer: string;
  claims: FederatedClaims;
  origin: 'snils' | 'phone';
}

/**
 * The outcome of a federated sign-in: signed in, or an existing account matched by SNILS or
 * phone that is not linked to this provider yet (nothing written; the holder must prove it).
 */
export type FederatedOutcome =
  | ({ kind: 'signedIn' } & FederatedSignIn)
  | { kind: 'linkRequired'; user: UserEntity; origin: 'snils' | 'phone' };

/** A federated sign-in written: its account, how it was found, and the session opened. */
export interface FederatedSignIn {
  user: UserEntity;
  origin: FederatedAccountOrigin;
  snilsConfirmed: boolean;
  opened: OpenedSession;
}

/**
 * Finds or creates the account of a validated federated identity and opens its session, all in
 * one transaction: identity link, new account, confirmed SNILS, audit records and session are
 * written together or not at all. Matching follows API.md: the linked identity (issuer + sub),
 * else the SNILS claim when that SNILS is verified here, else the phone (only one the provider
 * confirmed: an unconfirmed phone could hand someone else's account over), else a new account.
 */
@Injectable()
export class FederatedAccountService implements OnModuleInit {
  private readonly logger = new Logger(FederatedAccountService.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly identities: FederatedIdentityRepository,
    private readonly snilsDocuments: TrustedSnilsRepository,
    private readonly users: UserRepository,
    private readonly newAccounts: NewAccountFactory,
    private readonly sessions: SessionService,
    private readonly auditLog: DataAccessLogService,
    private readonly completions: AccountLinkCompletions,
    private readonly snilsDispute: SnilsDisputeService,
  ) {}

  onModuleInit(): void {
    this.completions.register(FEDERATED_LINK_KIND, {
      // The provider's claims carry the new account's phone.
      declineNeedsPhone: false,
      link: (pending, client) => this.linkProven(pending, client),
      decline: (pending, client) => this.createDeclined(pending, client),
    });
  }

  /** What to keep with the link token of a sign-in that matched an unlinked account. */
  linkData(issuer: string, claims: FederatedClaims, origin: 'snils' | 'phone') {
    const data: FederatedLinkData = { issuer, claims, origin };
    return { kind: FEDERATED_LINK_KIND, data: data as unknown as Record<string, unknown> };
  }

  async signIn(
    issuer: string,
    claims: FederatedClaims,
    client: ClientInfo,
  ): Promise<FederatedOutcome> {
    const run = () => this.tx.run((em) => this.signInWithin(em, issuer, claims, client));
    try {
      return await run();
    } catch (error) {
      // Two first sign-ins of one identity raced and the other inserted it: this one now finds it.
      if (isDuplicateKey(error, 'uq_federated_identities_issuer_subject')) {
        return run();
      }
      throw translateDuplicate(error);
    }
  }

  /** The holder proved the matched account: link the identity to it and sign it in. */
  private async linkProven(pending: PendingAccountLink, client: ClientInfo): Promise<AuthPayload> {
    const { issuer, claims, origin } = pending.data as unknown as FederatedLinkData;
    const signIn = await this.tx
      .run(async (em) => {
        const user = await this.users.findById(em, pending.userId);
        if (!user) {
          throw AccountLinkException.tokenInvalid();
        }
        const identity = await this.identities.findByIssuerAndSubject(em, issuer, claims.subject);
        if (identity || (await this.identities.findByUserAndIssuer(em, user.id, issuer))) {
          throw FederatedLoginException.linkedElsewhere();
        }
        return this.finish(em, issuer, claims, client, { user, origin }, new Date());
      })
      .catch((error: unknown) => {
        throw translateDuplicate(error);
      });
    this.logger.log(`federated identity linked to proven account ${signIn.user.id} (${origin})`);
    return this.sessions.payload(signIn.user, signIn.opened);
  }

  /**
   * "Not my account": a new account from the claims. A trusted provider outranks the registry's
   * knowledge check: its SNILS leaves the matched account (DISPUTED) for the new one, the
   * matched account's holder is told, and both accounts' access logs record it.
   */
  private async createDeclined(
    pending: PendingAccountLink,
    client: ClientInfo,
  ): Promise<AuthPayload> {
    const { issuer, claims } = pending.data as unknown as FederatedLinkData;
    const { signIn, disputed } = await this.tx
      .run(async (em) => {
        const now = new Date();
        const disputed =
          claims.trusted && claims.snils
            ? await this.snilsDispute.dispute(em, pending.userId, claims.snils, now)
            : null;
        const user = await this.createAccount(em, claims, now);
        const signIn = await this.finish(
          em,
          issuer,
          claims,
          client,
          { user, origin: 'created' },
          now,
        );
        if (disputed) {
          await this.snilsDispute.audit(em, disputed.id, user.id, PROVIDER_AUTHORITY, client);
        }
        return { signIn, disputed };
      })
      .catch((error: unknown) => {
        throw translateDuplicate(error);
      });
    await this.snilsDispute.notify(disputed, signIn.user);
    return this.sessions.payload(signIn.user, signIn.opened);
  }

  private async signInWithin(
    em: EntityManager,
    issuer: string,
    claims: FederatedClaims,
    client: ClientInfo,
  ): Promise<FederatedOutcome> {
    const now = new Date();
    const resolved = await this.resolveAccount(em, issuer, claims, now);
    // An identity provider never silently takes over an existing account ("first broker login").
    if (resolved.origin === 'snils' || resolved.origin === 'phone') {
      return { kind: 'linkRequired', user: resolved.user, origin: resolved.origin };
    }
    return { kind: 'signedIn', ...(await this.finish(em, issuer, claims, client, resolved, now)) };
  }

  private async finish(
    em: EntityManager,
    issuer: string,
    claims: FederatedClaims,
    client: ClientInfo,
    resolved: {
      user: UserEntity;
      origin: FederatedAccountOrigin;
      identity?: FederatedIdentityEntity;
    },
    now: Date,
  ): Promise<FederatedSignIn> {
    const { user, origin, identity } = resolved;
    const snilsConfirmed =
      claims.trusted && claims.snils
        ? await this.confirmSnils(em, user.id, claims.snils, now)
        : false;
    if (identity) {
      await this.identities.recordLogin(em, identity.id, {
        lastLoginAt: now,
        ...(claims.trusted ? { trustedAt: now } : {}),
      });
    } else {
      await this.identities.insert(em, {
        id: randomUUID(),
        userId: user.id,
        issuer,
        subject: claims.subject,
        trustedAt: claims.trusted ? now : null,
        createdAt: now,
        lastLoginAt: now,
      });
    }
    await this.audit(em, user.id, origin, claims, snilsConfirmed, client);
    const opened = await this.sessions.open(em, user.id, client);
    return { user, origin, snilsConfirmed, opened };
  }

  private async resolveAccount(
    em: EntityManager,
    issuer: string,
    claims: FederatedClaims,
    now: Date,
  ): Promise<{
    user: UserEntity;
    origin: FederatedAccountOrigin;
    identity?: FederatedIdentityEntity;
  }> {
    const identity = await this.identities.findByIssuerAndSubject(em, issuer, claims.subject);
    const linked = identity ? await this.users.findById(em, identity.userId) : null;
    if (identity && linked) {
      return { user: linked, origin: 'identity', identity };
    }
    const bySnils = claims.snils ? await this.users.findBySnilsVerified(em, claims.snils) : null;
    const byPhone =
      !bySnils && claims.phone && claims.phoneVerified
        ? await this.users.findByPhone(em, claims.phone)
        : null;
    const matched = bySnils ?? byPhone;
    if (matched) {
      if (await this.identities.findByUserAndIssuer(em, matched.id, issuer)) {
        throw FederatedLoginException.linkedElsewhere();
      }
      return { user: matched, origin: bySnils ? 'snils' : 'phone' };
    }
    return { user: await this.createAccount(em, claims, now), origin: 'created' };
  }

  private async createAccount(
    em: EntityManager,
    claims: FederatedClaims,
    now: Date,
  ): Promise<UserEntity> {
    const missing = missingForNewAccount(claims);
    if (missing.length > 0 || !claims.lastName || !claims.firstName || !claims.phone) {
      throw FederatedLoginException.missingData(missing);
    }
    if (await this.users.findByPhone(em, claims.phone)) {
      throw FederatedLoginException.phoneTaken();
    }
    return this.newAccounts.create(
      em,
      {
        lastName: claims.lastName,
        firstName: claims.firstName,
        middleName: claims.middleName,
        phone: claims.phone,
        birthDate: claims.birthDate,
      },
      now,
    );
  }

  /**
   * A trusted provider account confirms its SNILS: it becomes the account's verified SNILS in
   * force. Nothing changes when it already is, or when that SNILS is in force on another
   * account here (that account's own check stands; the sign-in still succeeds).
   */
  private async confirmSnils(
    em: EntityManager,
    userId: string,
    snils: string,
    now: Date,
  ): Promise<boolean> {
    await this.snilsDocuments.lockAccount(em, userId);
    if ((await this.snilsDocuments.findInForce(em, userId)) === snils) {
      return false;
    }
    const owner = await this.users.findBySnilsVerified(em, snils);
    if (owner && owner.id !== userId) {
      this.logger.warn(
        `trusted federated SNILS of account ${userId} is verified on another account`,
      );
      return false;
    }
    await this.snilsDocuments.insertVerified(em, userId, snils, now);
    return true;
  }

  private async audit(
    em: EntityManager,
    userId: string,
    origin: FederatedAccountOrigin,
    claims: FederatedClaims,
    snilsConfirmed: boolean,
    client: ClientInfo,
  ): Promise<void> {
    const entries: DataAccessEntry[] = [];
    const fromProvider = (
      action: DataAccessAction,
      fields: string[],
      purpose: string,
    ): DataAccessEntry => ({
      subjectUserId: userId,
      actorKind: AuditActorKind.REGISTRY,
      actorId: null,
      actorLabel: PROVIDER_LABEL,
      action,
      fields,
      purpose,
      ip: client.ip,
    });
    if (origin === 'created') {
      const fields = ['lastName', 'firstName', 'phone'];
      if (claims.middleName) {
        fields.push('middleName');
      }
      if (claims.birthDate) {
        fields.push('birthDate');
      }
      entries.push(
        fromProvider(DataAccessAction.UPDATE, fields, 'Учётная запись создана по данным Госуслуг'),
      );
    } else if (origin !== 'identity') {
      entries.push(
        fromProvider(
          DataAccessAction.CHECK,
          [origin],
          'Вход через Госуслуги: учётная запись найдена и связана с Госуслугами',
        ),
      );
    }
    if (snilsConfirmed) {
      entries.push(
        fromProvider(DataAccessAction.UPDATE, ['snils'], 'СНИЛС подтверждён Госуслугами'),
      );
    }
    for (const entry of entries) {
      await this.auditLog.record(em, entry);
    }
  }
}

// Races on the remaining unique keys: another sign-up took the phone, or another identity of
// this provider was linked to the account meanwhile.
function translateDuplicate(error: unknown): unknown {
  if (isDuplicateKey(error, 'UQ_users_phone')) {
    return FederatedLoginException.phoneTaken();
  }
  if (isDuplicateKey(error, 'uq_federated_identities_user_issuer')) {
    return FederatedLoginException.linkedElsewhere();
  }
  return error;
}
