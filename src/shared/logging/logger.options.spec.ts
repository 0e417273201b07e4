import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Options } from 'pino-http';
import { loggerOptions } from './logger.options';

// The options as nestjs-pino hands them to pino-http (which wraps the serializers), writing into
// an array instead of stdout.
function capture(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const { logger } = pinoHttp(loggerOptions('info').pinoHttp as Options, sink);
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('loggerOptions', () => {
  it('should keep personal data and secrets out of the log wherever they sit in an object', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        user: {
          id: 'u1',
          phone: '+79161234567',
          email: 'ivanov@example.ru',
          snils: '112-233-445 95',
          passport: '4510 123456',
        },
        input: { password: 'secret-1', newPassword: 'secret-2', securityAnswer: 'Мурзик' },
        grant: { accessToken: 'at', refreshToken: 'rt', clientSecret: 'cs', code: '123456' },
        variables: { phone: '+79161234567' },
        req: { headers: { authorization: 'Bearer x', cookie: 'sid=1' } },
      },
      'signed in',
    );

    const text = JSON.stringify(lines());
    for (const secret of [
      '+79161234567',
      'ivanov@example.ru',
      '112-233-445 95',
      '4510 123456',
      'secret-1',
      'secret-2',
      'Мурзик',
      'Bearer x',
      'sid=1',
      '"at"',
      '"rt"',
      '"cs"',
      '123456',
    ]) {
      expect(text).not.toContain(secret);
    }
    const [line] = lines();
    expect(line).toMatchObject({
      msg: 'signed in',
      service: 'kabinet',
      user: { id: 'u1', phone: '[redacted]' },
      variables: '[redacted]',
    });
  });

  it("should keep an error's own code, which the one-time code redaction would hide", () => {
    const { logger, lines } = capture();
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), {
      code: 'ECONNREFUSED',
      errno: -111,
    });
    logger.error({ err: refused, reportId: 'r1' }, 'report not enqueued');
    logger.error({ err: new Error('plain') }, 'no code');
    logger.error({ err: { code: '123456' } }, 'not an error');

    const [withCode, withoutCode, notAnError] = lines();
    expect(withCode.err).toMatchObject({
      type: 'Error',
      message: 'connect ECONNREFUSED 127.0.0.1:6379',
      errorCode: 'ECONNREFUSED',
      errno: -111,
    });
    expect(withCode.err).not.toHaveProperty('code');
    expect(withoutCode.err).toMatchObject({ message: 'plain' });
    expect(withoutCode.err).not.toHaveProperty('errorCode');
    expect(notAnError.err).toEqual({ code: '[redacted]' });
  });

  it('should echo a well-formed X-Request-Id and replace anything else', () => {
    const genReqId = (loggerOptions('info').pinoHttp as Options).genReqId!;
    const idFor = (header: string | undefined) => {
      const headers: Record<string, string> = {};
      const res = { setHeader: (name: string, value: string) => (headers[name] = value) };
      const id = genReqId(
        { headers: header === undefined ? {} : { 'x-request-id': header } } as IncomingMessage,
        res as unknown as ServerResponse,
      );
      expect(headers['X-Request-Id']).toBe(id);
      return id as string;
    };

    expect(idFor('support-ticket-0001')).toBe('support-ticket-0001');
    for (const bad of [undefined, 'short', 'x'.repeat(65), 'has space here', 'line\nbreak-123']) {
      expect(idFor(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
