import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { isDuplicateKey } from '../../../shared/database/duplicate-key';
import { AppException } from '../../../shared/errors';
import { AuditActorKind, DataAccessAction, DataAccessLogService } from '../../audit';
import {
  AccountLinkException,
  AuthPayload,
  NewAccountFactory,
  SessionService,
  SnilsDisputeService,
} from '../../auth';
import type {
  ClientInfo,
  PendingAccountLink,
  ProvenNewAccountPhone,
  SnilsAuthority,
} from '../../auth';
import { TrustedSnilsRepository, UserRepository } from '../../identity';
import type { UserEntity } from '../../identity';
import { SignatureIdentityEntity } from '../entities/signature-identity.entity';
import { SignatureIdentityRepository } from '../repositories/signature-identity.repository';
import type { CertificateSubject } from '../signature/certificate-subject';
import { SignerOrganizationService } from './signer-organization.service';

/** What an e-signature sign-in waiting for the account holder keeps with its link token. */
export interface SignatureLinkData {
  subject: CertificateSubject;
  /** The certificate's SNILS, normalized as on the account. */
  snils: string;
}

const SIGNATURE_LABEL = 'Квалифицированная электронная подпись';

const SIGNATURE_AUTHORITY: SnilsAuthority = {
  label: SIGNATURE_LABEL,
  disputedPurpose: 'СНИЛС оспорен: владелец подтвердил его квалифицированной электронной подписью',
  confirmedPurpose:
    'СНИЛС подтверждён квалифицированной электронной подписью и снят с другой учётной записи',
};

/**
 * "Not my account" after an e-signature sign-in matched an account by a SNILS that a knowledge
 * check verified there. A qualified certificate outranks that check: in one transaction the
 * SNILS leaves the matched account (DISPUTED, the same path as a trusted provider's decline), a
 * new account is made from the certificate's names and the phone its holder proved by SMS, it
 * gets the SNILS VERIFIED and the certificate linked, both access logs record it, and the signer
 * becomes what the sign-in makes them (HEAD of a new organization, or refused as NOT_A_MEMBER of
 * a known one that has a HEAD). Any refusal writes nothing.
 */
@Injectable()
export class SignatureDeclineService {
  private readonly logger = new Logger(SignatureDeclineService.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly users: UserRepository,
    private readonly newAccounts: NewAccountFactory,
    private readonly trustedSnils: TrustedSnilsRepository,
    private readonly snilsDispute: SnilsDisputeService,
    private readonly signatureIdentities: SignatureIdentityRepository,
    private readonly signerOrganizations: SignerOrganizationService,
    private readonly sessions: SessionService,
    private readonly auditLog: DataAccessLogService,
  ) {}

  async createAccount(
    pending: PendingAccountLink,
    client: ClientInfo,
    proven: ProvenNewAccountPhone | null,
  ): Promise<AuthPayload> {
    if (!proven) {
      throw AccountLinkException.newAccountPhoneRequired();
    }
    const { subject, snils } = pending.data as unknown as SignatureLinkData;
    const names = namesOf(subject);
    const { user, opened, disputed } = await this.tx
      .run(async (em) => {
        const now = new Date();
        const disputed = await this.snilsDispute.dispute(em, pending.userId, snils, now);
        if (await this.users.findByPhone(em, proven.phone)) {
          throw AccountLinkException.newAccountPhoneTaken();
        }
        const user = await this.newAccounts.create(
          em,
          { ...names, phone: proven.phone, birthDate: null },
          now,
        );
        await this.trustedSnils.insertVerified(em, user.id, snils, now);
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
        await this.auditCreated(em, user, client);
        if (disputed) {
          await this.snilsDispute.audit(em, disputed.id, user.id, SIGNATURE_AUTHORITY, client);
        }
        const organizationId = await this.signerOrganizations.ensure(em, subject, user);
        const opened = await this.sessions.open(em, user.id, client, { organizationId });
        return { user, opened, disputed };
      })
      .catch((error: unknown) => {
        throw translateDuplicate(error);
      });
    this.logger.log(`e-signature link declined: new account ${user.id} with the certificate`);
    await this.snilsDispute.notify(disputed, user);
    return this.sessions.payload(user, opened);
  }

  private async auditCreated(
    em: EntityManager,
    user: UserEntity,
    client: ClientInfo,
  ): Promise<void> {
    await this.auditLog.record(em, {
      subjectUserId: user.id,
      actorKind: AuditActorKind.REGISTRY,
      actorId: null,
      actorLabel: SIGNATURE_LABEL,
      action: DataAccessAction.UPDATE,
      fields: [
        'lastName',
        'firstName',
        ...(user.middleName ? ['middleName'] : []),
        'phone',
        'snils',
      ],
      purpose: 'Учётная запись создана по квалифицированной электронной подписи',
      ip: client.ip,
    });
  }
}

// Russian qualified certificates carry the surname in SN and «Имя Отчество» in GN.
function namesOf(subject: CertificateSubject): {
  lastName: string;
  firstName: string;
  middleName: string | null;
} {
  const [firstName, ...rest] = (subject.givenName ?? '').trim().split(/\s+/).filter(Boolean);
  const lastName = subject.surname?.trim();
  if (!lastName || !firstName) {
    throw AppException.profileIncomplete([
      ...(lastName ? [] : ['lastName']),
      ...(firstName ? [] : ['firstName']),
    ]);
  }
  return { lastName, firstName, middleName: rest.length > 0 ? rest.join(' ') : null };
}

// Races on the unique keys: another account took the phone, or another sign-in linked this
// certificate's SNILS meanwhile (the link token no longer stands).
function translateDuplicate(error: unknown): unknown {
  if (isDuplicateKey(error, 'UQ_users_phone')) {
    return AccountLinkException.newAccountPhoneTaken();
  }
  if (isDuplicateKey(error, 'uq_signature_identities_snils')) {
    return AccountLinkException.tokenInvalid();
  }
  return error;
}
