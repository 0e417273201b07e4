import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../../../shared/database/transaction-runner';
import { AuditActorKind, DataAccessAction, DataAccessLogService } from '../../audit';
import type { DataAccessEntry } from '../../audit';
import type { ClientInfo } from '../client-info.decorator';
import { PasswordHasher } from '../credentials/password-hasher.service';
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

/** How the account of a federated sign-in was found. */
export type FederatedAccountOrigin = 'identity' | 'snils' | 'phone' | 'created';

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
export class FederatedAccountService {
  private readonly logger = new Logger(FederatedAccountService.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly identities: FederatedIdentityRepository,
    private readonly snilsDocuments: TrustedSnilsRepository,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly auditLog: DataAccessLogService,
  ) {}

  async signIn(
    issuer: string,
    claims: FederatedClaims,
    client: ClientInfo,
  ): Promise<FederatedSignIn> {
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

  private async signInWithin(
    em: EntityManager,
    issuer: string,
    claims: FederatedClaims,
    client: ClientInfo,
  ): Promise<FederatedSignIn> {
    const now = new Date();
    const { user, origin, identity } = await this.resolveAccount(em, issuer, claims, now);
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
    const secrets = await unknownSecretHashes(this.hasher);
    const user: UserEntity = Object.assign(new UserEntity(), {
      id: randomUUID(),
      lastName: claims.lastName,
      firstName: claims.firstName,
      middleName: claims.middleName,
      phone: claims.phone,
      email: null,
      passwordHash: secrets.passwordHash,
      // No security question: recovery goes by SMS to the confirmed phone.
      securityQuestion: '',
      securityAnswerHash: secrets.securityAnswerHash,
      birthDate: claims.birthDate,
      createdAt: now,
      updatedAt: now,
    });
    await this.users.insert(em, user);
    return user;
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

/** argon2id hashes of random secrets nobody knows, for a new account's password and answer. */
interface UnknownSecrets {
  passwordHash: string;
  securityAnswerHash: string;
}

// A new federated account has no password until the person sets one through recovery by SMS.
async function unknownSecretHashes(hasher: PasswordHasher): Promise<UnknownSecrets> {
  const secret = () => randomBytes(32).toString('base64url');
  const [passwordHash, securityAnswerHash] = await Promise.all([
    hasher.hash(secret()),
    hasher.hash(secret()),
  ]);
  return { passwordHash, securityAnswerHash };
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
