import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { isUUID } from 'class-validator';
import { JobName, QueueName } from '../../../queues/queue-names';
import type { DeliverWebhookJob } from '../../../queues/queue-names';
import { WebhookDeliveryService } from './webhook-delivery.service';

// Deliveries wait on other people's servers (up to DELIVERY_TIMEOUT_MS each), not on CPU: many
// at once per worker, so one dead receiver never holds up the others.
const DELIVERY_CONCURRENCY = 16;

@Processor(QueueName.WebhookDeliveries)
export class WebhookDeliveryProcessor {
  private readonly logger = new Logger(WebhookDeliveryProcessor.name);

  constructor(private readonly deliveries: WebhookDeliveryService) {}

  @Process({ name: JobName.DeliverWebhook, concurrency: DELIVERY_CONCURRENCY })
  async handle(job: Job<DeliverWebhookJob>): Promise<void> {
    const deliveryId = job.data?.deliveryId;
    if (typeof deliveryId !== 'string' || !isUUID(deliveryId)) {
      this.logger.error({ jobId: job.id }, 'malformed webhook delivery job dropped');
      return;
    }
    await this.deliveries.attempt(deliveryId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
  }
}
