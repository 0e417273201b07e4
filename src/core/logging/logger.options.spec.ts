import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Options } from 'pino-http';
import { QueryFailedError } from 'typeorm';
import { loggedUrl, loggerOptions, redactPersonalNumbers } from './logger.options';

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

  describe('personal numbers by value', () => {
    const SNILS = '112-233-445 95';
    const PHONE = '+7 (916) 123-45-67';
    const PASSPORT = '45 10 123456';
    const CARD = '4276 3800 1234 5678';
    const personal = [SNILS, '11223344595', PHONE, '89161234567', PASSPORT, '4510123456', CARD];
    const digitsOf = (v: string) => v.replace(/\D/g, '');

    function expectNoneIn(text: string) {
      for (const value of personal) {
        expect(text).not.toContain(value);
        expect(text).not.toContain(digitsOf(value));
      }
    }

    it('should redact them in messages, fields, errors and database errors on every path', () => {
      const { logger, lines } = capture();
      // A message and any field, under keys the key-based redaction does not know.
      logger.info(
        { note: `позвоните ${PHONE}`, deep: { list: [`паспорт ${PASSPORT}`] } },
        `СНИЛС ${SNILS}`,
      );
      // An error whose message and stack quote them.
      logger.error(
        { err: new Error(`no account for 11223344595 / 89161234567 / ${CARD}`) },
        'failed',
      );
      // mysql2's error: the statement with values inlined, and the value in the message.
      const driverError = Object.assign(
        new Error("Duplicate entry '4510123456' for key 'uq_users_passport'"),
        {
          code: 'ER_DUP_ENTRY',
          errno: 1062,
          sqlState: '23000',
          sqlMessage: "Duplicate entry '4510123456' for key 'uq_users_passport'",
          sql: "INSERT INTO users (phone, snils) VALUES ('89161234567', '11223344595')",
        },
      );
      logger.error({ err: driverError }, 'insert failed');
      // TypeORM's wrapper keeps the parameters.
      const wrapped = new QueryFailedError(
        'INSERT INTO users (phone, snils, passport) VALUES (?, ?, ?)',
        ['89161234567', '11223344595', '4510123456'],
        driverError,
      );
      logger.error({ err: wrapped }, 'insert failed');
      // A string of a line break then the number (as a stack would have it).
      logger.warn(`first line\n${'89161234567'}`);

      const raw = lines();
      expectNoneIn(JSON.stringify(raw));
      const [info, plain, db, typeorm] = raw as Record<string, any>[];
      expect(info.msg).toBe('СНИЛС [redacted]');
      expect(info.note).toBe('позвоните [redacted]');
      expect(plain.err.message).toContain('no account for [redacted]');
      expect(db.err).not.toHaveProperty('sql');
      expect(db.err).toMatchObject({ errorCode: 'ER_DUP_ENTRY', errno: 1062 });
      expect(db.err.sqlMessage).toBe("Duplicate entry '?' for key '?'");
      expect(typeorm.err).not.toHaveProperty('parameters');
      expect(typeorm.err.query).toBe('INSERT INTO users (phone, snils, passport) VALUES (?, ?, ?)');
      expect(typeorm.err.driverError).toEqual({
        errno: 1062,
        sqlState: '23000',
        errorCode: 'ER_DUP_ENTRY',
      });
      // Numbers that are not personal stay: the time, the pid, short ids.
      expect(typeof info.time).toBe('number');
      expect(redactPersonalNumbers('report 2026-12-07 row 12345')).toBe(
        'report 2026-12-07 row 12345',
      );
    });

    it('should not log the query string of GET /graphql', () => {
      const { logger, lines } = capture();
      const url = `/graphql?query=%7Bme%7D&variables=${encodeURIComponent(JSON.stringify({ login: 'ivanov@example.ru', snils: SNILS }))}`;
      logger.info({ req: { id: 'r1', method: 'GET', url } }, 'request completed');
      const [line] = lines() as Record<string, any>[];
      expect(line.req.url).toBe('/graphql?[redacted]');
      expect(JSON.stringify(line)).not.toContain('ivanov');
      expect(loggedUrl('/admin/queues/api?page=2')).toBe('/admin/queues/api?page=2');
    });
  });
});
