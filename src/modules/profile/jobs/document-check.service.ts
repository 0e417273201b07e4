import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { AuditActorKind, DataAccessAction, DataAccessLogService } from '../../audit';
import { ApplicationService } from '../applications/application.service';
import { DOCUMENT_KINDS, PERSON_FIELDS } from '../documents/document-kinds';
import {
  applyVerdict,
  expire,
  isExpired,
  reject,
  REJECTION_REASONS,
} from '../documents/document-lifecycle';
import type { IdentityDocumentEntity } from '../../identity';
import { DocumentStatusEvents } from '../events/document-status.events';
import { DocumentKind, VerificationStatus } from '../profile.enums';
import { PersonRegistry, PersonData, RegistryVerdict } from '../registry/person-registry.port';
import { IdentityDocumentRepository } from '../../identity';
import { UserProfileRepository } from '../repositories/user-profile.repository';
import { isDuplicateKey } from '../../../shared/database/duplicate-key';

/**
 * Runs registry checks (worker side) and expires unanswered ones. A verdict is an outcome; an
 * unavailable registry throws so Bull retries, and the document stays PENDING until it expires.
 */
@Injectable()
export class DocumentCheckService {
  private readonly logger = new Logger(DocumentCheckService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly documents: IdentityDocumentRepository,
    private readonly accounts: UserProfileRepository,
    private readonly applications: ApplicationService,
    private readonly audit: DataAccessLogService,
    private readonly registry: PersonRegistry,
    private readonly events: DocumentStatusEvents,
  ) {}

  /** Checks a document against the registry; idempotent (a decided document is left alone). */
  async check(documentId: string): Promise<void> {
    const em = this.dataSource.manager;
    const document = await this.documents.findById(em, documentId);
    if (!document || document.status !== VerificationStatus.PENDING) {
      return;
    }
    const account = await this.accounts.findAccount(em, document.userId);
    if (!account) {
      return;
    }
    const person: PersonData | null =
      account.lastName && account.firstName && account.birthDate
        ? {
            lastName: account.lastName,
            firstName: account.firstName,
            middleName: account.middleName,
            birthDate: account.birthDate,
          }
        : null;
    const verdict = person ? await this.ask(document, person) : null;
    const decided = await this.tx.run((txEm) => this.decide(txEm, documentId, verdict));
    if (decided) {
      await this.announce(decided);
    }
  }

  /** Expires PENDING checks past their time; returns how many. */
  async expireOverdue(limit = 200): Promise<number> {
    const now = new Date();
    const overdue = await this.documents.findExpired(this.dataSource.manager, now, limit);
    let expired = 0;
    for (const candidate of overdue) {
      const done = await this.tx.run(async (em) => {
        const document = await this.documents.findById(em, candidate.id, true);
        if (!document || !isExpired(document, now)) {
          return null;
        }
        const next = expire(document, now);
        await this.persist(em, next, now);
        return next;
      });
      if (done) {
        expired++;
        await this.announce(done);
      }
    }
    return expired;
  }

  private ask(document: IdentityDocumentEntity, person: PersonData): Promise<RegistryVerdict> {
    return document.kind === DocumentKind.SNILS
      ? this.registry.checkSnils({ ...person, snils: document.number })
      : this.registry.checkPassport({
          ...person,
          series: document.series ?? '',
          number: document.number,
          issuedAt: document.issuedAt ?? '',
        });
  }

  private async decide(
    em: EntityManager,
    documentId: string,
    verdict: RegistryVerdict | null,
  ): Promise<IdentityDocumentEntity | null> {
    const document = await this.documents.findById(em, documentId, true);
    // Expired or decided while the registry was asked: the first outcome stands.
    if (!document || document.status !== VerificationStatus.PENDING) {
      return null;
    }
    const now = new Date();
    let next =
      verdict === null
        ? reject(document, REJECTION_REASONS.PROFILE_INCOMPLETE, now)
        : applyVerdict(document, verdict, now);
    if (next.inForce) {
      // The newly verified document replaces the one in force (kept as history).
      const others = (await this.documents.findInForce(em, document.userId)).filter(
        (d) => d.kind === document.kind && d.id !== document.id,
      );
      await this.documents.clearInForce(
        em,
        others.map((d) => d.id),
      );
      try {
        await this.documents.save(em, next);
      } catch (error) {
        // Verified meanwhile for another account (two pending submissions of one SNILS).
        if (!isDuplicateKey(error)) {
          throw error;
        }
        next = reject(document, REJECTION_REASONS.SNILS_TAKEN, now);
      }
    }
    await this.persist(em, next, now);
    if (verdict !== null) {
      const kind = DOCUMENT_KINDS[document.kind];
      await this.audit.record(em, {
        subjectUserId: document.userId,
        actorKind: AuditActorKind.REGISTRY,
        actorLabel: kind.registryLabel,
        action: DataAccessAction.CHECK,
        fields: [kind.field, ...PERSON_FIELDS],
        purpose: 'Подтверждение личности',
      });
    }
    return next;
  }

  private async persist(em: EntityManager, next: IdentityDocumentEntity, now: Date) {
    await this.documents.save(em, next);
    await this.applications.track(
      em,
      {
        userId: next.userId,
        sourceId: next.id,
        kind: DOCUMENT_KINDS[next.kind].applicationKind,
        title: DOCUMENT_KINDS[next.kind].title,
        status: next.status,
      },
      now,
    );
  }

  private async announce(document: IdentityDocumentEntity): Promise<void> {
    this.logger.log({ documentId: document.id, status: document.status }, 'document checked');
    await this.events.statusChanged({
      userId: document.userId,
      documentId: document.id,
      kind: document.kind,
      status: document.status,
      rejectionReason: document.rejectionReason,
    });
  }
}
