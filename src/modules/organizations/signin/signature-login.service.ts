import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { authConfig } from '../../../config/configuration';
import { TransactionRunner } from '../../../shared/database/transaction-runner';
import { AppException } from '../../../shared/errors';
import { checkSnils } from '../../../shared/identifiers';
import { AttemptLimit, AttemptLimiter } from '../../../shared/rate-limit';
import { AuthPayload, SessionService } from '../../auth';
import { UserRepository } from '../../identity';
import type { ClientInfo } from '../../auth';
import type { UserEntity } from '../../identity';
import { MembershipEntity } from '../entities/membership.entity';
import { OrganizationEntity } from '../entities/organization.entity';
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

/**
 * Sign-in with a qualified e-signature (API.md, organizations): the challenge is spent, the
 * certificate and signature verified, the signer found by the certificate's SNILS (verified on
 * an account, with a birth date); the organization is created on its first sign-in with the
 * signer as HEAD, and the session carries it. Every refusal comes before anything is written
 * (only the challenge is spent).
 */
@Injectable()
export class SignatureLoginService {
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
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {
    this.attemptsPerIp = {
      name: 'sig:ip',
      max: config.loginMaxPerIp,
      windowSeconds: FIFTEEN_MINUTES,
    };
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
    const user = await this.signer(verification.subject);
    const opened = await this.openSession(verification.subject, user, client);
    return this.sessions.payload(user, opened);
  }

  // The person must already be known here: an account with the certificate's SNILS verified
  // (in force) and a birth date.
  private async signer(subject: CertificateSubject): Promise<UserEntity> {
    const snils = checkSnils(subject.snils);
    const user = snils.valid
      ? await this.users.findBySnilsVerified(this.dataSource.manager, snils.normalized)
      : null;
    if (!user) {
      throw OrganizationException.signInRefused(OrganizationErrorCode.ACCOUNT_NOT_FOUND);
    }
    if (!user.birthDate) {
      throw AppException.profileIncomplete(['birthDate']);
    }
    return user;
  }

  // Two first sign-ins of one organization may race: the loser hits the unique INN/OGRN key
  // and runs again, now finding the organization.
  private async openSession(
    subject: CertificateSubject,
    user: UserEntity,
    client: ClientInfo,
  ): Promise<OpenedSession> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.tx.run(async (em) => {
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
