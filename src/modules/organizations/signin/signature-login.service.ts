import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { authConfig } from '../../../config/configuration';
import { TransactionRunner } from '../../../shared/database/transaction-runner';
import { AppException } from '../../../shared/errors';
import { checkSnils } from '../../../shared/identifiers';
import { AttemptLimit, AttemptLimiter } from '../../../shared/rate-limit';
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
import { MembershipEntity } from '../entities/membership.entity';
import { OrganizationEntity } from '../entities/organization.entity';
import { SignatureIdentityEntity } from '../entities/signature-identity.entity';
import type { LoginWithSignatureArgs } from '../graphql/login-with-signature.args';
import type { SignatureChallenge } from '../graphql/signature-challenge.type';
import { MemberRole, OrganizationType } from '../organization.enums';
import {
  OrganizationErrorCode,
  OrganizationException,
  SignInRefusal,
} from '../organizations.exception';
import { MembershipRepository } from '../repositories/membership.repository';
import { OrganizationRepository } from '../repositories/organization.repository';
import { SignatureIdentityRepository } from '../repositories/signature-identity.repository';
import type { CertificateSubject } from '../signature/certificate-subject';
import { QualifiedSignatureService } from '../signature/qualified-signature.service';
import { SignatureFailureReason } from '../signature/signature-failure-reason.enum';
import { SignatureChallengeService } from './signature-challenge.service';
import { isDuplicateKey } from '../../../shared/database/duplicate-key';

const FIFTEEN_MINUTES = 15 * 60;
const FULL_NAME_MAX = 500;

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

/** What an e-signature sign-in waiting for the account holder keeps with its link token. */
interface SignatureLinkData {
  subject: CertificateSubject;
  /** The certificate's SNILS, normalized as on the account. */
  snils: string;
}

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
    private readonly organizations: OrganizationRepository,
    private readonly memberships: MembershipRepository,
    private readonly limiter: AttemptLimiter,
    private readonly signatureIdentities: SignatureIdentityRepository,
    private readonly accountLinks: AccountLinkService,
    private readonly completions: AccountLinkCompletions,
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
      link: (pending, client) => this.linkProven(pending, client),
      decline: (pending, client) => this.createDeclined(pending, client),
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

  /**
   * "Not my account": a new account needs a phone, which a certificate never carries, so the
   * decline is refused and nothing is written (the matched account keeps its SNILS).
   */
  private createDeclined(pending: PendingAccountLink, _client: ClientInfo): Promise<AuthPayload> {
    this.logger.log(
      `e-signature link to account ${pending.userId} declined: no phone to create one`,
    );
    return Promise.reject(OrganizationException.newAccountPhoneRequired());
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
          const organizationId = await this.ensureOrganization(em, subject, user);
          return this.sessions.open(em, user.id, client, { organizationId });
        });
      } catch (error) {
        if (attempt > 0 || !isDuplicateKey(error)) {
          throw error;
        }
      }
    }
  }

  private async ensureOrganization(
    em: EntityManager,
    subject: CertificateSubject,
    user: UserEntity,
  ): Promise<string> {
    const type =
      subject.organizationType === 'SOLE_PROPRIETOR'
        ? OrganizationType.SOLE_PROPRIETOR
        : OrganizationType.LEGAL_ENTITY;
    const ogrn = (type === OrganizationType.SOLE_PROPRIETOR ? subject.ogrnip : subject.ogrn) ?? '';
    const found = await this.organizations.findByOgrnOrInn(em, ogrn, subject.inn);
    if (
      found.length > 1 ||
      (found[0] && (found[0].ogrn !== ogrn || found[0].inn !== subject.inn))
    ) {
      throw OrganizationException.organizationMismatch();
    }
    const now = new Date();
    let organization = found[0];
    if (!organization) {
      organization = Object.assign(new OrganizationEntity(), {
        id: randomUUID(),
        type,
        inn: subject.inn,
        ogrn,
        kpp: null,
        fullName: fullNameOf(type, subject, user).slice(0, FULL_NAME_MAX),
        shortName: null,
        createdAt: now,
      });
      await this.organizations.insert(em, organization);
    }
    const membership = await this.memberships.findOne(em, organization.id, user.id);
    // A known organization with a HEAD decides its members itself: a signature alone never
    // re-creates a removed membership. Only an organization left without any HEAD takes the
    // signer (the certificate names its head) as HEAD again.
    if (!membership && found[0]) {
      const heads = await this.memberships.findHeadsForUpdate(em, organization.id);
      if (heads.length > 0) {
        throw OrganizationException.notAMember();
      }
    }
    if (!membership) {
      await this.memberships.insert(
        em,
        Object.assign(new MembershipEntity(), {
          id: randomUUID(),
          organizationId: organization.id,
          userId: user.id,
          role: MemberRole.HEAD,
          personnelNumber: null,
          createdAt: now,
        }),
      );
    } else if (membership.role !== MemberRole.HEAD) {
      // Qualified certificates of an organization are issued (by the FNS CA) only to a person
      // who acts for it without a power of attorney: the signer is its head.
      await this.memberships.updateRole(em, membership.id, MemberRole.HEAD);
    }
    return organization.id;
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

// A legal entity's name is its O attribute; a sole proprietor's is «ИП Фамилия Имя Отчество»
// from the certificate (or the account when the certificate lacks the names).
function fullNameOf(type: OrganizationType, subject: CertificateSubject, user: UserEntity): string {
  if (type === OrganizationType.LEGAL_ENTITY) {
    return subject.organizationName ?? subject.commonName ?? `Организация ИНН ${subject.inn}`;
  }
  const names = subject.surname
    ? [subject.surname, subject.givenName]
    : [user.lastName, user.firstName, user.middleName];
  return ['ИП', ...names.filter((name): name is string => !!name)].join(' ');
}
