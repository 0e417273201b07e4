import type {
  ParsedEmployeeRow,
  ParseOutcome,
  ParseRemoteWorkReportOptions,
} from '../parsing/remote-work-report.model';

// Messages between the worker and a parser child process (one parse at a time per child).

/** Parse `filePath`, handing its rows over in batches. */
export interface ParseRequest {
  type: 'parse';
  filePath: string;
  options: ParseRemoteWorkReportOptions;
}

/** The worker stored (ok) or could not store a batch; the child waits for it before reading on. */
export interface RowsAck {
  type: 'ack';
  ok: boolean;
}

export type ParentMessage = ParseRequest | RowsAck;

export type ChildMessage =
  // Loaded and listening; a child that dies before this never took a file.
  | { type: 'ready' }
  | { type: 'rows'; rows: ParsedEmployeeRow[] }
  | { type: 'done'; outcome: ParseOutcome }
  | { type: 'failed'; message: string };
