import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';

// The uploading side of the replay and of the burst and sustained benchmarks:
// `submitRemoteWorkReport` as a GraphQL multipart request (what a browser sends), over keep-alive
// connections. The body is assembled once per upload from buffers, so the client spends as little
// of the shared CPU as possible.

const SUBMIT = JSON.stringify({
  query: 'mutation($file: Upload!) { submitRemoteWorkReport(file: $file) { id status fileSize } }',
  variables: { file: null },
});
const SUBMIT_FOR_WEEK =
  'mutation($file: Upload!, $week: Date) { submitRemoteWorkReport(file: $file, week: $week) { id status fileSize } }';
const MAP = JSON.stringify({ 0: ['variables.file'] });

export interface UploadAnswer {
  /** HTTP status, or 0 when the request failed before an answer. */
  status: number;
  reportId: string | null;
  error: string | null;
}

export class ReplayClient {
  private agent: Agent;

  /** `timeoutMs`: an upload unanswered by then fails with `TIMEOUT` (0: wait for ever). */
  constructor(
    private readonly maxSockets: number,
    private readonly timeoutMs = 0,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  /** Drops the kept connections: the next uploads connect anew. */
  reconnect(): void {
    this.agent.destroy();
    this.agent = new Agent({ keepAlive: true, maxSockets: this.maxSockets });
  }

  /** Uploads for `week` when given, else for the current reporting week. */
  upload(
    baseUrl: string,
    token: string,
    file: Buffer,
    fileName: string,
    week?: string,
  ): Promise<UploadAnswer> {
    const operations =
      week === undefined
        ? SUBMIT
        : JSON.stringify({ query: SUBMIT_FOR_WEEK, variables: { file: null, week } });
    const boundary = `----kabinet${randomBytes(12).toString('hex')}`;
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = Buffer.concat([
      Buffer.from(
        part('operations', operations) +
          part('map', MAP) +
          `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="${fileName}"\r\n` +
          'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const url = new URL('/graphql', baseUrl);
    return new Promise((resolve) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            authorization: `Bearer ${token}`,
            'apollo-require-preflight': 'true',
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': body.length,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (error) => resolve({ status: 0, reportId: null, error: error.message }));
          res.on('end', () => resolve(parseAnswer(res.statusCode ?? 0, Buffer.concat(chunks))));
        },
      );
      req.on('error', (error) => resolve({ status: 0, reportId: null, error: error.message }));
      if (this.timeoutMs > 0) {
        req.setTimeout(this.timeoutMs, () => req.destroy(new Error('TIMEOUT')));
      }
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function parseAnswer(status: number, raw: Buffer): UploadAnswer {
  try {
    const body = JSON.parse(raw.toString('utf8')) as {
      data?: { submitRemoteWorkReport?: { id: string } } | null;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    const id = body.data?.submitRemoteWorkReport?.id ?? null;
    const error = body.errors?.length
      ? body.errors.map((e) => e.extensions?.code ?? e.message).join(', ')
      : null;
    return { status, reportId: id, error: id ? null : (error ?? 'no report id') };
  } catch {
    return {
      status,
      reportId: null,
      // A proxy's HTML error page says no more than its status line.
      error: `HTTP ${status}: ${raw
        .toString('utf8')
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 80)}`,
    };
  }
}
