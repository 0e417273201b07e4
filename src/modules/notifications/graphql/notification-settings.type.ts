import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'Hours (Moscow time) during which SMS and e-mail copies of my notifications are held and sent at the end; in-app and live delivery are never held, urgent categories never wait.',
})
export class QuietHours {
  @Field({ description: 'Whether copies are held during the window.' })
  enabled!: boolean;

  @Field({ description: 'Start, `HH:MM` Moscow time.' })
  from!: string;

  @Field({
    description: 'End (copies go at this time), `HH:MM` Moscow time; before `from`: the next day.',
  })
  to!: string;
}

@ObjectType({ description: 'My notification delivery settings.' })
export class NotificationSettings {
  @Field(() => QuietHours, { description: 'Quiet hours of SMS and e-mail copies.' })
  quietHours!: QuietHours;

  @Field({ description: 'The time zone of the times here (`Europe/Moscow`).' })
  timeZone!: string;

  @Field({ description: 'Whether these are the portal defaults (I never changed them).' })
  isDefault!: boolean;
}

@ObjectType({ description: 'The result of updateNotificationSettings.' })
export class UpdateNotificationSettingsPayload {
  @Field(() => NotificationSettings, { description: 'My settings as stored.' })
  settings!: NotificationSettings;
}
