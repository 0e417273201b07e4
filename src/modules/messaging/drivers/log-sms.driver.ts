import { Logger } from '@nestjs/common';
import type { SendSmsJob } from '../jobs/messaging.jobs';
import { maskDestination } from './mask';
import { SmsDriver } from './sms.driver';

/** SMS_DRIVER=log: writes the message to the log (the text only outside production). */
export class LogSmsDriver extends SmsDriver {
  private readonly logger = new Logger('Sms');

  constructor(private readonly showText: boolean) {
    super();
  }

  send(message: SendSmsJob): Promise<void> {
    if (this.showText) {
      this.logger.log(`SMS to ${message.to}: ${message.text}`);
    } else {
      this.logger.log(`SMS to ${maskDestination(message.to)} (${message.text.length} characters)`);
    }
    return Promise.resolve();
  }
}
