// A parser child process: forked by ReportParserPool with a heap limit, it parses one uploaded
// workbook at a time, so a hostile file can exhaust or crash only this process, never the worker
// that renews job locks. It lives on between jobs (most reports have a few rows; starting a
// process per file would cost more than parsing it). No Nest, no database: rows go to the
// worker over IPC, which stores them.
import { parseRemoteWorkReport } from '../parsing/remote-work-report.parser';
import type { ParsedEmployeeRow, ParseOutcome } from '../parsing/remote-work-report.model';
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

function parse(request: ParseRequest): Promise<ParseOutcome> {
  return parseRemoteWorkReport(request.filePath, request.options, deliver);
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
