import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { authConfig } from '../../../config/configuration';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { AppException } from '../../../shared/errors';
import { checkSnils } from '../../../shared/identifiers';
import { AttemptLimit, AttemptLimiter } from '../../../core/rate-limit/index';
import {
  AccountLinkCompletions,
  AccountLinkException,
  AccountLinkService,
  AuthPayload,
  SessionService,
} from '../../auth';
import { UserRepository } from '../../identity';
import type { ClientInfo, PendingAccountLink } from '../../auth';
import type { UserEntity } from '../../identity';
import { SignatureIdentityEntity } from '../entities/signature-identity.entity';
import type { LoginWithSignatureArgs } from '../graphql/login-with-signature.args';
import type { SignatureChallenge } from '../graphql/signature-challenge.type';
import {
  OrganizationErrorCode,
  OrganizationException,
  SignInRefusal,
} from '../organizations.exception';
import { SignatureIdentityRepository } from '../repositories/signature-identity.repository';
import type { CertificateSubject } from '../signature/certificate-subject';
import { QualifiedSignatureService } from '../signature/qualified-signature.service';
import { SignatureFailureReason } from '../signature/signature-failure-reason.enum';
import { SignatureChallengeService } from './signature-challenge.service';
import { SignatureDeclineService } from './signature-decline.service';
import type { SignatureLinkData } from './signature-decline.service';
import { SignerOrganizationService } from './signer-organization.service';
import { isDuplicateKey } from '../../../shared/database/duplicate-key';

const FIFTEEN_MINUTES = 15 * 60;

const REFUSALS: Record<SignatureFailureReason, SignInRefusal> = {
  CERTIFICATE_UNTRUSTED: OrganizationErrorCode.CERTIFICATE_UNTRUSTED,
  CERTIFICATE_EXPIRED: OrganizationErrorCode.CERTIFICATE_EXPIRED,
  CERTIFICATE_INVALID: OrganizationErrorCode.CERTIFICATE_INVALID,
  SIGNATURE_INVALID: OrganizationErrorCode.SIGNATURE_INVALID,
  CERTIFICATE_REVOKED: OrganizationErrorCode.CERTIFICATE_REVOKED,
  CRL_UNAVAILABLE: OrganizationErrorCode.CRL_UNAVAILABLE,
};

type OpenedSession = Awaited<ReturnType<SessionService['open']>>;

/** The account-link kind of e-signature sign-ins (see AccountLinkCompletions). */
export const SIGNATURE_LINK_KIND = 'e-signature';

/** The account a verified certificate signs in to: linked before, or matched by its SNILS. */
type Signer =
  | { kind: 'linked'; user: UserEntity; identity: SignatureIdentityEntity }
  | { kind: 'matched'; user: UserEntity; snils: string };

/**
 * Sign-in with a qualified e-signature (API.md, organizations): the challenge is spent, the
 * certificate and signature verified, the signer found by the certificate's SNILS (verified on
 * an account, with a birth date); the organization is created on its first sign-in with the
 * signer as HEAD, and the session carries it. Every refusal comes before anything is written
 * (only the challenge is spent).
 */
@Injectable()
export class SignatureLoginService implements OnModuleInit {
  private readonly logger = new Logger(SignatureLoginService.name);
  private readonly attemptsPerIp: AttemptLimit;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly challenges: SignatureChallengeService,
    private readonly signatures: QualifiedSignatureService,
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
    private readonly limiter: AttemptLimiter,
    private readonly signatureIdentities: SignatureIdentityRepository,
    private readonly accountLinks: AccountLinkService,
    private readonly completions: AccountLinkCompletions,
    private readonly signerOrganizations: SignerOrganizationService,
    private readonly declines: SignatureDeclineService,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {
    this.attemptsPerIp = {
      name: 'sig:ip',
      max: config.loginMaxPerIp,
      windowSeconds: FIFTEEN_MINUTES,
    };
  }

  onModuleInit(): void {
    this.completions.register(SIGNATURE_LINK_KIND, {
      // A certificate carries no phone: the new account's is proven by an SMS code.
      declineNeedsPhone: true,
      link: (pending, client) => this.linkProven(pending, client),
      decline: (pending, client, phone) => this.declines.createAccount(pending, client, phone),
    });
  }

  async requestChallenge(client: ClientInfo): Promise<SignatureChallenge> {
    await this.limiter.consume(this.attemptsPerIp, client.ip ?? 'unknown');
    return this.challenges.create();
  }

  async login(args: LoginWithSignatureArgs, client: ClientInfo): Promise<AuthPayload> {
    await this.limiter.consume(this.attemptsPerIp, client.ip ?? 'unknown');
    const nonce = await this.challenges.consume(args.challengeId);
    const verification = await this.signatures.verify({
      certificatePem: args.certificate,
      signatureBase64: args.signature,
      nonce,
      trustedCaPem: await this.trustedCaPem(),
      now: new Date(),
    });
    if (!verification.ok) {
      // The reason code only: the message may quote the certificate's subject (personal data).
      this.logger.log({ reason: verification.reason }, 'signature sign-in refused');
      throw OrganizationException.signInRefused(REFUSALS[verification.reason]);
    }
    const subject = verification.subject;
    const signer = await this.signer(subject);
    if (signer.kind === 'matched') {
      // A SNILS verified on an account by a knowledge check alone never hands that account to a
      // certificate: nobody is signed in until its holder proves it or declines it.
      const data: SignatureLinkData = { subject, snils: signer.snils };
      throw await this.accountLinks.offer(
        {
          kind: SIGNATURE_LINK_KIND,
          userId: signer.user.id,
          data: data as unknown as Record<string, unknown>,
        },
        signer.user,
        client,
      );
    }
    const { user, identity } = signer;
    const opened = await this.openSession(subject, user, client, (em) =>
      this.signatureIdentities.recordLogin(em, identity.id, new Date()),
    );
    return this.sessions.payload(user, opened);
  }

  // The person must already be known here: the account a certificate of this SNILS was linked
  // to, else an account with the SNILS verified (in force); either with a birth date.
  private async signer(subject: CertificateSubject): Promise<Signer> {
    const snils = checkSnils(subject.snils);
    if (!snils.valid) {
      throw OrganizationException.signInRefused(OrganizationErrorCode.ACCOUNT_NOT_FOUND);
    }
    const em = this.dataSource.manager;
    const identity = await this.signatureIdentities.findBySnils(em, snils.normalized);
    const linked = identity ? await this.users.findById(em, identity.userId) : null;
    const user = linked ?? (await this.users.findBySnilsVerified(em, snils.normalized));
    if (!user) {
      throw OrganizationException.signInRefused(OrganizationErrorCode.ACCOUNT_NOT_FOUND);
    }
    if (!user.birthDate) {
      throw AppException.profileIncomplete(['birthDate']);
    }
    return identity && linked
      ? { kind: 'linked', user, identity }
      : { kind: 'matched', user, snils: snils.normalized };
  }

  /** The holder proved the matched account: link the certificate's SNILS to it and sign in. */
  private async linkProven(pending: PendingAccountLink, client: ClientInfo): Promise<AuthPayload> {
    const { subject, snils } = pending.data as unknown as SignatureLinkData;
    const user = await this.users.findById(this.dataSource.manager, pending.userId);
    if (!user) {
      throw AccountLinkException.tokenInvalid();
    }
    const opened = await this.openSession(subject, user, client, async (em) => {
      const now = new Date();
      await this.signatureIdentities.insert(
        em,
        Object.assign(new SignatureIdentityEntity(), {
          id: randomUUID(),
          userId: user.id,
          snils,
          createdAt: now,
          lastLoginAt: now,
        }),
      );
    }).catch((error: unknown) => {
      // Another sign-in linked this SNILS meanwhile: this token no longer stands.
      if (isDuplicateKey(error, 'uq_signature_identities_snils')) {
        throw AccountLinkException.tokenInvalid();
      }
      throw error;
    });
    this.logger.log(`qualified certificate linked to proven account ${user.id}`);
    return this.sessions.payload(user, opened);
  }

  // Two first sign-ins of one organization may race: the loser hits the unique INN/OGRN key
  // and runs again, now finding the organization.
  private async openSession(
    subject: CertificateSubject,
    user: UserEntity,
    client: ClientInfo,
    alongside: (em: EntityManager) => Promise<void>,
  ): Promise<OpenedSession> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.tx.run(async (em) => {
          await alongside(em);
          const organizationId = await this.signerOrganizations.ensure(em, subject, user);
          return this.sessions.open(em, user.id, client, { organizationId });
        });
      } catch (error) {
        if (attempt > 0 || !isDuplicateKey(error)) {
          throw error;
        }
      }
    }
  }

  // TRUSTED_CA_FILE is read at every sign-in, so a renewed list of accredited CAs applies
  // without a restart. Without it no certificate is trusted.
  private async trustedCaPem(): Promise<string> {
    if (!this.config.trustedCaFile) {
      this.logger.warn('TRUSTED_CA_FILE is not set: qualified e-signature sign-in is refused');
      throw OrganizationException.signInRefused(OrganizationErrorCode.CERTIFICATE_UNTRUSTED);
    }
    return readFile(this.config.trustedCaFile, 'utf8');
  }
}
