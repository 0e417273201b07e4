import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { registryConfig } from '../../../config/configuration';
import type { AuthPrincipal } from '../../../shared/auth';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { AppException } from '../../../shared/errors';
import { isIsoDate } from '../../../shared/graphql/date.scalar';
import { checkSnils, cleanText } from '../../../shared/identifiers';
import { DataAccessAction, DataAccessLogService } from '../../audit';
import { accountOwnerId } from '../../identity';
import { ApplicationService } from '../applications/application.service';
import { IdentityDocumentEntity } from '../../identity';
import { DocumentStatusEvents } from '../events/document-status.events';
import { PassportInput } from '../graphql/passport.input';
import { DocumentCheckQueue } from '../jobs/document-check.queue';
import { ProfileErrorCode, ProfileException } from '../profile.exception';
import { DocumentKind, VerificationStatus } from '../profile.enums';
import { IdentityDocumentRepository } from '../../identity';
import { UserProfileRepository } from '../repositories/user-profile.repository';
import { DOCUMENT_KINDS } from './document-kinds';

type NewDocument = Pick<
  IdentityDocumentEntity,
  'kind' | 'number' | 'series' | 'issuedAt' | 'issuedBy'
>;

/**
 * `submitSnils` / `submitPassport`: validates, stores a PENDING submission with its application
 * in one transaction, queues the registry check after commit and answers at once.
 */
@Injectable()
export class DocumentSubmissionService {
  private readonly logger = new Logger(DocumentSubmissionService.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly documents: IdentityDocumentRepository,
    private readonly accounts: UserProfileRepository,
    private readonly applications: ApplicationService,
    private readonly audit: DataAccessLogService,
    private readonly queue: DocumentCheckQueue,
    private readonly events: DocumentStatusEvents,
    @Inject(registryConfig.KEY) private readonly config: ConfigType<typeof registryConfig>,
  ) {}

  submitSnils(principal: AuthPrincipal, raw: string, ip?: string): Promise<IdentityDocumentEntity> {
    const snils = checkSnils(raw);
    if (!snils.valid) {
      throw ProfileException.invalidField(ProfileErrorCode.SNILS_INVALID, 'number', snils.message);
    }
    const submission: NewDocument = {
      kind: DocumentKind.SNILS,
      number: snils.normalized,
      series: null,
      issuedAt: null,
      issuedBy: null,
    };
    return this.submit(principal, submission, ip);
  }

  submitPassport(
    principal: AuthPrincipal,
    input: PassportInput,
    ip?: string,
  ): Promise<IdentityDocumentEntity> {
    if (!isIsoDate(input.issuedAt) || input.issuedAt > new Date().toISOString().slice(0, 10)) {
      throw ProfileException.invalidField(
        ProfileErrorCode.DATE_INVALID,
        'issuedAt',
        'Дата выдачи паспорта не может быть в будущем',
      );
    }
    const submission: NewDocument = {
      kind: DocumentKind.PASSPORT,
      series: input.series.replace(/\D/g, ''),
      number: input.number.replace(/\D/g, ''),
      issuedAt: input.issuedAt,
      issuedBy: cleanText(input.issuedBy),
    };
    return this.submit(principal, submission, ip);
  }

  private async submit(
    principal: AuthPrincipal,
    submission: NewDocument,
    ip?: string,
  ): Promise<IdentityDocumentEntity> {
    const userId = accountOwnerId(principal);
    const { document, created } = await this.tx.run((em) =>
      this.store(em, principal, userId, submission, ip),
    );
    if (document.status === VerificationStatus.PENDING) {
      // A lost enqueue is repaired by the sweep, which queues pending checks without a job.
      await this.queue.ensureQueued(document.id).catch((error: unknown) => {
        this.logger.error({ err: error, documentId: document.id }, 'check not queued');
      });
    }
    if (created) {
      await this.events.statusChanged({
        userId,
        documentId: document.id,
        kind: document.kind,
        status: document.status,
        rejectionReason: null,
      });
    }
    return document;
  }

  private async store(
    em: EntityManager,
    principal: AuthPrincipal,
    userId: string,
    submission: NewDocument,
    ip?: string,
  ): Promise<{ document: IdentityDocumentEntity; created: boolean }> {
    // The account row lock serialises one person's submissions and profile changes.
    const account = await this.accounts.findAccount(em, userId, true);
    if (!account) {
      throw AppException.unauthenticated();
    }
    const missing = [
      account.lastName ? null : 'lastName',
      account.firstName ? null : 'firstName',
      account.birthDate ? null : 'birthDate',
    ].filter((f): f is string => f !== null);
    if (missing.length > 0) {
      throw AppException.profileIncomplete(missing);
    }
    if (submission.kind === DocumentKind.SNILS) {
      const owner = await this.documents.findUserIdBySnilsInForce(em, submission.number);
      if (owner && owner !== userId) {
        throw new ProfileException(
          ProfileErrorCode.SNILS_TAKEN,
          'Этот СНИЛС уже подтверждён в другой учётной записи',
        );
      }
    }
    const history = await this.documents.findByUserAndKind(em, userId, submission.kind);
    const same = (d: IdentityDocumentEntity) =>
      d.number === submission.number && d.series === submission.series;
    const pending = history.find((d) => d.status === VerificationStatus.PENDING);
    if (pending) {
      if (same(pending)) {
        return { document: pending, created: false };
      }
      throw new ProfileException(
        ProfileErrorCode.DOCUMENT_CHECK_PENDING,
        'Предыдущий документ ещё проверяется. Дождитесь результата проверки',
      );
    }
    const verified = history.find((d) => d.inForce && d.status === VerificationStatus.VERIFIED);
    if (verified && same(verified)) {
      return { document: verified, created: false };
    }
    const now = new Date();
    const document = Object.assign(new IdentityDocumentEntity(), {
      id: randomUUID(),
      userId,
      ...submission,
      status: VerificationStatus.PENDING,
      inForce: false,
      submittedAt: now,
      verifiedAt: null,
      rejectionReason: null,
      checkExpiresAt: new Date(now.getTime() + this.config.checkExpiryMs),
      updatedAt: now,
    });
    await this.documents.insert(em, document);
    const kind = DOCUMENT_KINDS[submission.kind];
    await this.applications.track(
      em,
      {
        userId,
        sourceId: document.id,
        kind: kind.applicationKind,
        title: kind.title,
        status: document.status,
      },
      now,
    );
    await this.audit.record(
      em,
      DataAccessLogService.self(principal, userId, DataAccessAction.UPDATE, [kind.field], ip),
    );
    return { document, created: true };
  }
}
