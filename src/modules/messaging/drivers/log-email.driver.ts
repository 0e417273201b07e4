import { Logger } from '@nestjs/common';
import type { SendEmailJob } from '../jobs/messaging.jobs';
import { EmailDriver } from './email.driver';
import { maskDestination } from './mask';

/** EMAIL_DRIVER=log: writes the message to the log (subject and text only outside production). */
export class LogEmailDriver extends EmailDriver {
  private readonly logger = new Logger('Email');

  constructor(private readonly showText: boolean) {
    super();
  }

  send(message: SendEmailJob): Promise<void> {
    if (this.showText) {
      this.logger.log(`E-mail to ${message.to}: ${message.subject}\n${message.text}`);
    } else {
      this.logger.log(
        `E-mail to ${maskDestination(message.to)} (${message.text.length} characters)`,
      );
    }
    return Promise.resolve();
  }
}
