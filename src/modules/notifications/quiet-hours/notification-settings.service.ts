import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { notificationsConfig } from '../../../config/configuration';
import type { AuthPrincipal } from '../../../shared/auth';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { accountOwnerId } from '../../identity';
import { NotificationSettingsEntity } from '../entities/notification-settings.entity';
import type { NotificationSettings } from '../graphql/notification-settings.type';
import type { UpdateNotificationSettingsInput } from '../graphql/update-notification-settings.input';
import { NotificationSettingsRepository } from '../notification-settings.repository';
import { NotificationsException } from '../notifications.exception';
import {
  formatMinute,
  parseMinute,
  parseWindow,
  QUIET_HOURS_TIME_ZONE,
  QuietWindow,
} from './quiet-hours';

// The window shown (and kept) when the deployment's default is `off` and the person set none.
const FALLBACK_WINDOW: QuietWindow = { fromMinute: 22 * 60, toMinute: 8 * 60 };

/** Quiet hours as stored or defaulted: what delivery decides by. */
export interface QuietHoursSetting {
  enabled: boolean;
  window: QuietWindow;
}

/** The person's window, or null when copies go at once; from a stored row or the default. */
export function effectiveWindow(setting: QuietHoursSetting): QuietWindow | null {
  return setting.enabled ? setting.window : null;
}

/** `notificationSettings`, `updateNotificationSettings`, and the defaults delivery falls back to. */
@Injectable()
export class NotificationSettingsService {
  private readonly defaultWindow: QuietWindow | null;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly settings: NotificationSettingsRepository,
    @Inject(notificationsConfig.KEY) config: ConfigType<typeof notificationsConfig>,
  ) {
    this.defaultWindow = parseWindow(config.quietHoursDefault);
  }

  /** The deployment's default for people without a row. */
  defaults(): QuietHoursSetting {
    return { enabled: this.defaultWindow !== null, window: this.defaultWindow ?? FALLBACK_WINDOW };
  }

  /** A stored row (or none) as the setting delivery uses. */
  fromRow(
    row: Pick<
      NotificationSettingsEntity,
      'quietHoursEnabled' | 'quietFromMinute' | 'quietToMinute'
    > | null,
  ): QuietHoursSetting {
    return row
      ? {
          enabled: !!row.quietHoursEnabled,
          window: { fromMinute: row.quietFromMinute, toMinute: row.quietToMinute },
        }
      : this.defaults();
  }

  async get(principal: AuthPrincipal): Promise<NotificationSettings> {
    const userId = accountOwnerId(principal);
    const row = await this.tx.run((em) => this.settings.findByUser(em, userId));
    return toSettings(this.fromRow(row), row === null);
  }

  async update(
    principal: AuthPrincipal,
    input: UpdateNotificationSettingsInput,
  ): Promise<NotificationSettings> {
    const userId = accountOwnerId(principal);
    return this.tx.run(async (em) => {
      const current = this.fromRow(await this.settings.findByUser(em, userId));
      const { quietHours } = input;
      const fromMinute = quietHours.from ? parseMinute(quietHours.from) : null;
      const toMinute = quietHours.to ? parseMinute(quietHours.to) : null;
      const window: QuietWindow = {
        fromMinute: fromMinute ?? current.window.fromMinute,
        toMinute: toMinute ?? current.window.toMinute,
      };
      if (window.fromMinute === window.toMinute) {
        throw NotificationsException.quietHoursInvalid();
      }
      const setting: QuietHoursSetting = { enabled: quietHours.enabled, window };
      await this.settings.upsert(
        em,
        Object.assign(new NotificationSettingsEntity(), {
          userId,
          quietHoursEnabled: setting.enabled,
          quietFromMinute: window.fromMinute,
          quietToMinute: window.toMinute,
          updatedAt: new Date(),
        }),
      );
      return toSettings(setting, false);
    });
  }
}

function toSettings(setting: QuietHoursSetting, isDefault: boolean): NotificationSettings {
  return {
    quietHours: {
      enabled: setting.enabled,
      from: formatMinute(setting.window.fromMinute),
      to: formatMinute(setting.window.toMinute),
    },
    timeZone: QUIET_HOURS_TIME_ZONE,
    isDefault,
  };
}
