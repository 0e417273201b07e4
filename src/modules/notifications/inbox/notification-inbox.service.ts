import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { pageSize, toConnection } from '../../../shared/graphql/connection';
import { accountOwnerId } from '../../identity';
import type { NotificationCategory } from '../../service-events';
import type { NotificationEntity } from '../entities/notification.entity';
import type { NotificationConnection } from '../graphql/notification.connection';
import { Notification } from '../graphql/notification.type';
import type { NotificationsArgs } from '../graphql/notifications.args';
import { NotificationRepository } from '../notification.repository';

export function toNotification(entity: NotificationEntity): Notification {
  return Object.assign(new Notification(), {
    id: entity.id,
    category: entity.category as NotificationCategory,
    title: entity.title,
    body: entity.body,
    createdAt: entity.createdAt,
    readAt: entity.readAt,
  });
}

/** My inbox: pages, the unread count, marking read. */
@Injectable()
export class NotificationInboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
  ) {}

  async page(principal: AuthPrincipal, args: NotificationsArgs): Promise<NotificationConnection> {
    const userId = accountOwnerId(principal);
    const em = this.dataSource.manager;
    const first = pageSize(args);
    const unreadOnly = args.unreadOnly === true;
    const [rows, total] = await Promise.all([
      this.notifications.findPage(em, userId, unreadOnly, first, args.after),
      this.notifications.count(em, userId, unreadOnly),
    ]);
    const page = toConnection(rows, first, total);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: toNotification(e.node) })) };
  }

  unreadCount(principal: AuthPrincipal): Promise<number> {
    return this.notifications.count(this.dataSource.manager, accountOwnerId(principal), true);
  }

  /** Marks mine read (the given ones, or all); another person's ids are ignored. */
  markRead(principal: AuthPrincipal, ids: string[] | null | undefined): Promise<number> {
    return this.notifications.markRead(
      this.dataSource.manager,
      accountOwnerId(principal),
      ids ? [...new Set(ids)] : null,
      new Date(),
    );
  }
}
