import { Injectable } from '@nestjs/common';

/** The time the notifications module decides by (quiet hours); tests move it. */
@Injectable()
export class NotificationClock {
  now(): Date {
    return new Date();
  }
}
