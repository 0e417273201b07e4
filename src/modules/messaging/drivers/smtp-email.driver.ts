import { createTransport, Transporter } from 'nodemailer';
import type { SendEmailJob } from '../jobs/messaging.jobs';
import { EmailDriver } from './email.driver';

/** EMAIL_DRIVER=smtp: nodemailer over SMTP_URL, from EMAIL_FROM. */
export class SmtpEmailDriver extends EmailDriver {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    super();
    this.transport = createTransport(smtpUrl);
  }

  async send(message: SendEmailJob): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
  }

  override close(): Promise<void> {
    this.transport.close();
    return Promise.resolve();
  }
}
