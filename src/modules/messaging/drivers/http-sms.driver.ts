import type { SendSmsJob } from '../jobs/messaging.jobs';
import { SmsDriver } from './sms.driver';

const TIMEOUT_MS = 10_000;

/** SMS_DRIVER=http: `POST {SMS_GATEWAY_URL}` JSON `{ to, text }`; any 2xx means sent. */
export class HttpSmsDriver extends SmsDriver {
  constructor(private readonly url: string) {
    super();
  }

  async send(message: SendSmsJob): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: message.to, text: message.text }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    // Drain the body so the connection goes back to the pool.
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) {
      throw new Error(`SMS gateway answered HTTP ${res.status}`);
    }
  }
}
