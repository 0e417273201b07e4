import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpSmsDriver } from './http-sms.driver';

describe(HttpSmsDriver.name, () => {
  let server: Server;
  let url: string;
  let status = 200;
  const received: unknown[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({
          method: req.method,
          type: req.headers['content-type'],
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
        });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('should POST { to, text } as JSON and accept any 2xx', async () => {
    status = 202;
    await new HttpSmsDriver(url).send({ to: '+79161234567', text: 'Код: 123456' });
    expect(received.at(-1)).toEqual({
      method: 'POST',
      type: 'application/json',
      body: { to: '+79161234567', text: 'Код: 123456' },
    });
  });

  it('should throw on a non-2xx answer so the job is retried', async () => {
    status = 500;
    await expect(new HttpSmsDriver(url).send({ to: '+79161234567', text: 'x' })).rejects.toThrow(
      'SMS gateway answered HTTP 500',
    );
  });

  it('should throw when the gateway is unreachable', async () => {
    await expect(
      new HttpSmsDriver('http://127.0.0.1:1/sms').send({ to: '+79161234567', text: 'x' }),
    ).rejects.toThrow();
  });
});
