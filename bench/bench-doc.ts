import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

// docs/benchmarks.md, whose sections between `<!-- bench:<name>:start|end -->` markers the
// benchmarks rewrite with the figures they measured.

const DOC = join(__dirname, '../../docs/benchmarks.md');

/** Replaces the body of section `name` (appends the section when its markers are missing). */
export function replaceSection(doc: string, name: string, body: string): string {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < 0) {
    return `${doc.trimEnd()}\n\n${start}\n${body}\n${end}\n`;
  }
  return `${doc.slice(0, from + start.length)}\n${body}\n${doc.slice(to)}`;
}

/** Writes the sections into docs/benchmarks.md. */
export function writeSections(sections: Record<string, string>): void {
  let doc: string;
  try {
    doc = readFileSync(DOC, 'utf8');
  } catch {
    doc = '# Benchmarks\n';
  }
  for (const [name, body] of Object.entries(sections)) {
    doc = replaceSection(doc, name, body);
  }
  writeFileSync(DOC, doc);
}

/** «Measured <date> on <machine> with `<command>`.» */
export function measuredLine(command: string): string {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  return `Measured ${new Date().toISOString().slice(0, 10)} on ${machine} with \`${command}\`.`;
}

/** The 1-minute load average, to tell a quiet machine's figures from a busy one's. */
export function loadLine(): string {
  return `Load average (1 min) when it started: ${loadavg()[0].toFixed(2)}.`;
}
