import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One SMS the gateway accepted. */
export interface SmsMessage {
  to: string;
  text: string;
  receivedAt: Date;
}

/**
 * A real HTTP SMS gateway for e2e tests (the `SMS_DRIVER=http` contract: `POST` JSON
 * `{ to, text }`, 2xx = sent) on 127.0.0.1 with a free port. It records what it accepts, and
 * can be told to answer 500 to the next N requests to simulate an outage.
 */
export class SmsGateway {
  readonly messages: SmsMessage[] = [];
  /** Every request, accepted or not. */
  requests = 0;
  private failures = 0;
  private readonly taken = new Set<SmsMessage>();
  private readonly waiters = new Set<() => void>();

  private readonly server: Server;
  private port = 0;

  private constructor() {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  /** The URL to give as SMS_GATEWAY_URL. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/sms`;
  }

  static async start(): Promise<SmsGateway> {
    const gateway = new SmsGateway();
    await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
    gateway.port = (gateway.server.address() as AddressInfo).port;
    return gateway;
  }

  /** The next `count` requests get HTTP 500 (and are not recorded). */
  failNextRequests(count: number): void {
    this.failures = count;
  }

  /**
   * The first message to `to` matching the predicate that no earlier call returned: waits for it
   * up to the timeout. Messages are handed out once, so consecutive calls see consecutive SMS.
   */
  async waitForMessage(
    to: string,
    predicate: (text: string) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<SmsMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(
        (m) => m.to === to && !this.taken.has(m) && predicate(m.text),
      );
      if (found) {
        this.taken.add(found);
        return found;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `no SMS to ${to} within ${timeoutMs} ms (got: ${JSON.stringify(this.messagesTo(to))})`,
        );
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  /** The texts sent to a number so far. */
  messagesTo(to: string): string[] {
    return this.messages.filter((m) => m.to === to).map((m) => m.text);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.requests += 1;
      if (this.failures > 0) {
        this.failures -= 1;
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"outage"}');
        return;
      }
      let body: { to?: unknown; text?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        res.writeHead(400).end();
        return;
      }
      if (req.method !== 'POST' || typeof body.to !== 'string' || typeof body.text !== 'string') {
        res.writeHead(400).end();
        return;
      }
      this.messages.push({ to: body.to, text: body.text, receivedAt: new Date() });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"sent"}');
      [...this.waiters].forEach((wake) => wake());
    });
  }
}

/** The 6-digit code inside a message text. */
export function codeIn(text: string): string {
  const match = /\b(\d{6})\b/.exec(text);
  if (!match) {
    throw new Error(`no code in «${text}»`);
  }
  return match[1];
}
