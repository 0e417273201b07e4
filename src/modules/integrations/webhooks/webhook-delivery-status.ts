/** Where a webhook delivery stands (`WebhookDelivery.status`). */
export enum WebhookDeliveryStatus {
  /** Waiting for its first attempt or for a retry. */
  PENDING = 'PENDING',
  /** The receiver answered 2xx. */
  DELIVERED = 'DELIVERED',
  /** Every attempt failed, or the webhook was deleted before it got through. */
  FAILED = 'FAILED',
}
