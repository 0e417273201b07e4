import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentKind, DocumentStatusEvents, VerificationStatus } from '../../profile';
import type { DocumentStatusChange } from '../../profile';
import { NotificationCategory } from '../../service-events';
import { NotificationDeliveryService } from '../delivery/notification-delivery.service';
import { NotificationEntity } from '../entities/notification.entity';
import { NotificationRepository } from '../notification.repository';

const DOCUMENT_NAMES: Record<DocumentKind, string> = {
  SNILS: 'СНИЛС',
  PASSPORT: 'Паспорт',
};

/** The Russian notice of a document status change. */
export function documentNotice(change: DocumentStatusChange): {
  title: string;
  body: string | null;
} {
  const name = DOCUMENT_NAMES[change.kind];
  switch (change.status) {
    case VerificationStatus.PENDING:
      return { title: `${name} отправлен на проверку`, body: 'Результат придёт уведомлением.' };
    case VerificationStatus.VERIFIED:
      return { title: `${name} подтверждён`, body: 'Данные совпали с реестром.' };
    case VerificationStatus.REJECTED:
      return {
        title: `${name} не подтверждён`,
        body: change.rejectionReason ?? 'Проверьте данные и отправьте документ снова.',
      };
    case VerificationStatus.EXPIRED:
      return {
        title: `Проверка документа «${name}» не завершена`,
        body: 'Реестр не ответил вовремя. Отправьте документ на проверку снова.',
      };
    case VerificationStatus.DISPUTED:
      return {
        title: `${name} оспорен`,
        body: 'Владелец подтвердил этот СНИЛС через Госуслуги или электронную подпись в другой учётной записи.',
      };
  }
}

/**
 * Turns the profile's document status changes into in-app notifications (category DOCUMENTS,
 * always delivered: they answer the person's own request) with a live `notificationReceived`.
 */
@Injectable()
export class DocumentStatusNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DocumentStatusNotifier.name);
  private unregister: (() => void) | null = null;

  constructor(
    private readonly documentEvents: DocumentStatusEvents,
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly delivery: NotificationDeliveryService,
  ) {}

  onModuleInit(): void {
    this.unregister = this.documentEvents.onStatusChanged((change) => this.notify(change));
  }

  onModuleDestroy(): void {
    this.unregister?.();
  }

  async notify(change: DocumentStatusChange): Promise<void> {
    const notice = documentNotice(change);
    const notification = Object.assign(new NotificationEntity(), {
      id: randomUUID(),
      userId: change.userId,
      eventId: null,
      category: NotificationCategory.DOCUMENTS,
      title: notice.title,
      body: notice.body,
      createdAt: new Date(),
      readAt: null,
    });
    await this.notifications.insert(this.dataSource.manager, notification);
    await this.delivery.publish([
      {
        userId: change.userId,
        notification: { ...notification, category: NotificationCategory.DOCUMENTS },
      },
    ]);
    this.logger.debug({ documentId: change.documentId, status: change.status }, 'document notice');
  }
}
