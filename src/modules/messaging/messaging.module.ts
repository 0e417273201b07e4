import { BullModule } from '@nestjs/bull';
import { Module, OnApplicationShutdown, Optional } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig, messagingConfig } from '../../config/configuration';
import { QueueName } from '../../queues/queue-names';
import { workerProviders } from '../../queues/worker-providers';
import { EmailDriver } from './drivers/email.driver';
import { HttpSmsDriver } from './drivers/http-sms.driver';
import { LogEmailDriver } from './drivers/log-email.driver';
import { LogSmsDriver } from './drivers/log-sms.driver';
import { SmsDriver } from './drivers/sms.driver';
import { SmtpEmailDriver } from './drivers/smtp-email.driver';
import { MessagingProcessor } from './jobs/messaging.processor';
import { MessagingService } from './messaging.service';

type MessagingConfig = ConfigType<typeof messagingConfig>;
type AppConfig = ConfigType<typeof appConfig>;

// The env schema requires SMS_GATEWAY_URL / SMTP_URL when their driver is chosen.
function smsDriver(config: MessagingConfig, app: AppConfig): SmsDriver {
  return config.smsDriver === 'http'
    ? new HttpSmsDriver(config.smsGatewayUrl!)
    : new LogSmsDriver(!app.production);
}

function emailDriver(config: MessagingConfig, app: AppConfig): EmailDriver {
  return config.emailDriver === 'smtp'
    ? new SmtpEmailDriver(config.smtpUrl!, config.emailFrom)
    : new LogEmailDriver(!app.production);
}

/**
 * SMS and e-mail: `MessagingService` enqueues anywhere; the drivers and the processor exist only
 * in processes that run jobs.
 */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Messaging })],
  providers: [
    MessagingService,
    ...workerProviders(
      {
        provide: SmsDriver,
        inject: [messagingConfig.KEY, appConfig.KEY],
        useFactory: smsDriver,
      },
      {
        provide: EmailDriver,
        inject: [messagingConfig.KEY, appConfig.KEY],
        useFactory: emailDriver,
      },
      MessagingProcessor,
    ),
  ],
  exports: [MessagingService],
})
export class MessagingModule implements OnApplicationShutdown {
  constructor(@Optional() private readonly email?: EmailDriver) {}

  // Factory-made drivers get no lifecycle hooks of their own.
  async onApplicationShutdown(): Promise<void> {
    await this.email?.close();
  }
}
