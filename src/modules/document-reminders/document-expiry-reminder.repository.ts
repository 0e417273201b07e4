import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { DocumentExpiryReminderEntity } from './entities/document-expiry-reminder.entity';

/** The only ORM user of `document_expiry_reminders`. */
@Injectable()
export class DocumentExpiryReminderRepository {
  /** Claims a reminder; false when it was claimed before (by an earlier run). */
  async claim(em: EntityManager, row: DocumentExpiryReminderEntity): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(DocumentExpiryReminderEntity)
      .values(row)
      .orIgnore()
      .execute();
    return (result.raw as { affectedRows?: number }).affectedRows === 1;
  }

  findUnsent(em: EntityManager, limit: number): Promise<DocumentExpiryReminderEntity[]> {
    return em.find(DocumentExpiryReminderEntity, {
      where: { notifiedAt: IsNull() },
      order: { createdAt: 'ASC' },
      take: limit,
    });
  }

  async markSent(em: EntityManager, row: DocumentExpiryReminderEntity, at: Date): Promise<void> {
    await em.update(
      DocumentExpiryReminderEntity,
      {
        documentKind: row.documentKind,
        documentId: row.documentId,
        validUntil: row.validUntil,
        daysBefore: row.daysBefore,
      },
      { notifiedAt: at },
    );
  }
}
