// A parser child process: forked by ReportParserPool with a heap limit, it parses one uploaded
// workbook at a time, so a hostile file can exhaust or crash only this process, never the worker
// that renews job locks. It lives on between jobs (most reports have a few rows; starting a
// process per file would cost more than parsing it). No Nest, no database: rows go to the
// worker over IPC, which stores them.
import { createReadStream, createWriteStream, WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseRemoteWorkReport } from '../parsing/remote-work-report.parser';
import type { ParsedEmployeeRow, ParseOutcome } from '../parsing/remote-work-report.model';
import { writeResultWorkbook } from '../parsing/result-workbook.writer';
import type { ChildMessage, ParentMessage, ParseRequest } from './report-parser.protocol';

let awaitingAck: ((ok: boolean) => void) | null = null;

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    process.send!(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

async function deliver(rows: ParsedEmployeeRow[]): Promise<void> {
  const acked = new Promise<boolean>((resolve) => {
    awaitingAck = resolve;
  });
  await send({ type: 'rows', rows });
  if (!(await acked)) {
    throw new Error('the worker could not store a batch of rows');
  }
}

async function spool(out: WriteStream, rows: ParsedEmployeeRow[]): Promise<void> {
  const text = rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
  if (!out.write(text)) {
    await once(out, 'drain');
  }
}

async function* spooled(path: string): AsyncGenerator<ParsedEmployeeRow> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line) {
      yield JSON.parse(line) as ParsedEmployeeRow;
    }
  }
}

async function* none(): AsyncGenerator<ParsedEmployeeRow> {}

// Rows are kept in a spool file while parsing: the result workbook lists them after the summary,
// which is known only at the end, and memory must not grow with the file.
async function parse(request: ParseRequest): Promise<ParseOutcome> {
  const spoolPath = `${request.resultPath}.rows.ndjson`;
  const out = createWriteStream(spoolPath);
  try {
    const outcome = await parseRemoteWorkReport(request.filePath, request.options, async (rows) => {
      await spool(out, rows);
      await deliver(rows);
    });
    out.end();
    await once(out, 'finish');
    await writeResultWorkbook(
      request.resultPath,
      {
        status: outcome.status,
        reportingWeek: request.weekLabel,
        totalEmployees: outcome.totalEmployees,
        remoteEmployees: outcome.remoteEmployees,
        rowsTotal: outcome.rowsTotal,
        rowsAccepted: outcome.rowsAccepted,
        rowsRejected: outcome.rowsRejected,
        issues: outcome.issues,
      },
      // A rejected report stores no rows, and its result file lists none either.
      outcome.status === 'REJECTED' ? none() : spooled(spoolPath),
    );
    return outcome;
  } finally {
    out.destroy();
    await rm(spoolPath, { force: true });
  }
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'ack') {
    const resolve = awaitingAck;
    awaitingAck = null;
    resolve?.(message.ok);
    return;
  }
  parse(message)
    .then(
      (outcome) => send({ type: 'done', outcome }),
      (error: unknown) =>
        send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
    )
    .catch(() => process.exit(1));
});

// The worker went away: nobody is left to take the rows.
process.on('disconnect', () => process.exit(0));

void send({ type: 'ready' });
