import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookTargetPolicy } from '../webhooks/webhook-target.policy';
import { WebhookSender } from './webhook-sender';

describe(WebhookSender.name, () => {
  let server: Server;
  let port: number;
  let handler: (req: IncomingMessage, res: ServerResponse) => void;
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        handler(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    received.length = 0;
  });

  const sender = (allowed: string[]) =>
    new WebhookSender(new WebhookTargetPolicy({ webhookAllowedHosts: allowed } as never));

  it('should POST the body with its headers and call 2xx delivered', async () => {
    handler = (_req, res) => res.writeHead(202).end('ok');
    const outcome = await sender(['127.0.0.1']).post(`http://127.0.0.1:${port}/hook`, '{"a":1}', {
      'Content-Type': 'application/json',
      'X-Kabinet-Delivery': 'd1',
    });
    expect(outcome).toEqual({ delivered: true, responseStatus: 202, error: null });
    expect(received[0].body).toBe('{"a":1}');
    expect(received[0].headers).toMatchObject({
      'content-type': 'application/json',
      'x-kabinet-delivery': 'd1',
      'content-length': '7',
    });
  });

  it('should not follow redirects', async () => {
    handler = (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
    const outcome = await sender(['127.0.0.1']).post(`http://127.0.0.1:${port}/hook`, '{}', {});
    expect(outcome).toMatchObject({ delivered: false, responseStatus: 302 });
    expect(outcome.error).toMatch(/переадресац/i);
    expect(received).toHaveLength(1);
  });

  it('should record an error status', async () => {
    handler = (_req, res) => res.writeHead(500).end();
    expect(await sender(['127.0.0.1']).post(`http://127.0.0.1:${port}/hook`, '{}', {})).toEqual({
      delivered: false,
      responseStatus: 500,
      error: 'Получатель ответил HTTP 500',
    });
  });

  it('should refuse an internal address that is not allow-listed without connecting', async () => {
    handler = (_req, res) => res.writeHead(200).end();
    const literal = await sender([]).post(`https://127.0.0.1:${port}/hook`, '{}', {});
    expect(literal).toMatchObject({ delivered: false, responseStatus: null });
    // A name resolving to loopback is refused inside the socket's DNS lookup (DNS rebinding).
    const named = await sender([]).post(`https://localhost:${port}/hook`, '{}', {});
    expect(named).toMatchObject({ delivered: false, responseStatus: null });
    expect(named.error).toMatch(/публичный адрес/);
    const plain = await sender([]).post(`http://127.0.0.1:${port}/hook`, '{}', {});
    expect(plain.error).toMatch(/https/);
    expect(received).toHaveLength(0);
  });

  it('should report a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const outcome = await sender(['127.0.0.1']).post(`http://127.0.0.1:${freePort}/`, '{}', {});
    expect(outcome).toEqual({
      delivered: false,
      responseStatus: null,
      error: 'Сервер получателя отклонил соединение',
    });
  });
});
