import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal } from '../../../shared/auth';
import {
  NotificationSettings,
  UpdateNotificationSettingsPayload,
} from '../graphql/notification-settings.type';
import { UpdateNotificationSettingsInput } from '../graphql/update-notification-settings.input';
import { NotificationSettingsService } from './notification-settings.service';

@Resolver(() => NotificationSettings)
export class NotificationSettingsResolver {
  constructor(private readonly settings: NotificationSettingsService) {}

  @Query(() => NotificationSettings, {
    description: 'My notification delivery settings (quiet hours of SMS and e-mail copies).',
  })
  notificationSettings(@CurrentUser() principal: AuthPrincipal): Promise<NotificationSettings> {
    return this.settings.get(principal);
  }

  @Mutation(() => UpdateNotificationSettingsPayload, {
    description:
      'Changes my quiet hours: SMS and e-mail copies arriving in the window are sent at its end (urgent categories at once). BAD_USER_INPUT `QUIET_HOURS_INVALID` when start and end are equal.',
  })
  async updateNotificationSettings(
    @Args('input') input: UpdateNotificationSettingsInput,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<UpdateNotificationSettingsPayload> {
    return { settings: await this.settings.update(principal, input) };
  }
}
