import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotificationSettingsEntity } from './entities/notification-settings.entity';

/** The only ORM user of `notification_settings`. */
@Injectable()
export class NotificationSettingsRepository {
  findByUser(em: EntityManager, userId: string): Promise<NotificationSettingsEntity | null> {
    return em.findOneBy(NotificationSettingsEntity, { userId });
  }

  async upsert(em: EntityManager, settings: NotificationSettingsEntity): Promise<void> {
    await em.query(
      `INSERT INTO notification_settings
              (user_id, quiet_hours_enabled, quiet_from_minute, quiet_to_minute, updated_at)
       VALUES (?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE quiet_hours_enabled = VALUES(quiet_hours_enabled),
         quiet_from_minute = VALUES(quiet_from_minute), quiet_to_minute = VALUES(quiet_to_minute),
         updated_at = VALUES(updated_at)`,
      [
        settings.userId,
        settings.quietHoursEnabled,
        settings.quietFromMinute,
        settings.quietToMinute,
        settings.updatedAt,
      ],
    );
  }
}
