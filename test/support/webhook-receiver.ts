import {
  createServer,
  IncomingHttpHeaders,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the receiver got, with the exact body bytes (signatures are over them). */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  body: any;
  /** What the receiver answered. */
  status: number;
  receivedAt: Date;
}

/**
 * A webhook receiver for e2e tests: node:http on 127.0.0.1 with a free port (allow it through
 * WEBHOOK_ALLOWED_HOSTS=127.0.0.1). It records every request and answers 200, or 500 to the
 * first N attempts of each delivery on a path, to exercise retries.
 */
export class WebhookReceiver {
  readonly requests: ReceivedWebhook[] = [];
  private readonly failuresPerDelivery = new Map<string, number>();
  private readonly attempts = new Map<string, number>();
  private readonly server: Server;
  private port = 0;

  private constructor() {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.port = (receiver.server.address() as AddressInfo).port;
    return receiver;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Each delivery (by X-Kabinet-Delivery) to `path` gets HTTP 500 for its first `count` attempts. */
  failFirstAttempts(path: string, count: number): void {
    this.failuresPerDelivery.set(path, count);
  }

  /** The requests to `path` answered 2xx. */
  accepted(path: string): ReceivedWebhook[] {
    return this.requests.filter((r) => r.path === path && r.status < 300);
  }

  /** Waits until a request matching the predicate has arrived. */
  async waitFor(
    predicate: (request: ReceivedWebhook) => boolean,
    timeoutMs = 20_000,
  ): Promise<ReceivedWebhook> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.requests.find(predicate);
      if (found) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `no matching webhook within ${timeoutMs} ms; got ${JSON.stringify(
            this.requests.map((r) => ({ path: r.path, status: r.status, body: r.body })),
          )}`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const rawBody = Buffer.concat(chunks);
      const key = `${path} ${String(req.headers['x-kabinet-delivery'])}`;
      const attempt = (this.attempts.get(key) ?? 0) + 1;
      this.attempts.set(key, attempt);
      const status = attempt <= (this.failuresPerDelivery.get(path) ?? 0) ? 500 : 200;
      let body: unknown = null;
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        // recorded as null: the test asserts on it
      }
      this.requests.push({
        path,
        headers: req.headers,
        rawBody,
        body,
        status,
        receivedAt: new Date(),
      });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'outage');
    });
  }
}
