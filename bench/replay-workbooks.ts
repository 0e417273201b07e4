import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { stream } from 'exceljs';
import { BenchOrganization, benchOrganization } from '../test/support/bench-workbook';
import { badRowCount, PlannedUpload } from './replay-week';

// Workbooks of the replayed week, one per upload, each for its own employer. They are written
// once per (seed, fraction) into a cache directory and reused by later runs: a full week takes
// long to generate, and generating while replaying would steal the CPU being measured.

const PER_SERIES = 100_000;
// Employers of the replay: series 50, 51… (benchOrganization keeps five digits per series).
const FIRST_SERIES = 50;
const LANDLINE = '+7 495 123-45-67';

/** The employer of the `index`-th upload (valid INN and OGRN, unique in the week). */
export function replayOrganization(index: number): BenchOrganization {
  return benchOrganization(FIRST_SERIES + Math.floor(index / PER_SERIES), index % PER_SERIES);
}

function phone(i: number): string | number {
  const n = String(i).padStart(7, '0');
  return i % 2 === 0
    ? `+7 916 ${n.slice(0, 3)}-${n.slice(3, 5)}-${n.slice(5)}`
    : Number(`7916${n}`);
}

/** Writes the upload's workbook; a bad-rows file has landline numbers (PHONE_INVALID) in some rows. */
export async function writeReplayWorkbook(path: string, upload: PlannedUpload): Promise<void> {
  const organization = replayOrganization(upload.index);
  const workbook = new stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const employer = workbook.addWorksheet('Сведения о работодателе');
  employer
    .addRow(['Показатель', 'Пояснения к заполнению', 'Пример заполнения', 'Значение'])
    .commit();
  const values = [
    organization.inn,
    organization.ogrn,
    organization.fullName,
    upload.rows + 3,
    upload.rows,
    3,
    '+7 495 123-45-67',
  ];
  values.forEach((value, i) => employer.addRow([`Показатель ${i + 2}`, '', '', value]).commit());
  employer.commit();
  const employees = workbook.addWorksheet('Сведения о работниках');
  employees
    .addRow(['№ п/п', 'Телефон', 'ГРЗ', 'Тройка', 'Стрелка', 'Соц. карта', 'Проездной'])
    .commit();
  const bad = upload.kind === 'bad-rows' ? badRowCount(upload.rows) : 0;
  // Bad rows spread through the file, every tenth row from the second.
  const isBad = (i: number) => i < bad * 10 && i % 10 === 1;
  for (let i = 0; i < upload.rows; i++) {
    employees
      .addRow([
        i + 1,
        isBad(i) ? LANDLINE : phone(i),
        i % 3 === 0 ? `А${String((i % 999) + 1).padStart(3, '0')}ВС77` : null,
        i % 4 === 0 ? String(1_000_000_000 + i) : null,
        null,
        null,
        null,
      ])
      .commit();
  }
  employees.commit();
  await workbook.commit();
  if (upload.kind === 'unreadable') {
    // Cut short like an interrupted save: still starts as a zip, cannot be opened.
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  }
}

/** Writes the workbooks of `uploads` into `dir`, each under a temporary name first. */
export async function writeWorkbooks(
  dir: string,
  uploads: PlannedUpload[],
  progress: (written: number) => void = () => undefined,
): Promise<void> {
  for (const [n, upload] of uploads.entries()) {
    const path = workbookPath(dir, upload);
    // An interrupted run never leaves a half-written file in the cache.
    await writeReplayWorkbook(`${path}.part`, upload);
    await rename(`${path}.part`, path);
    if ((n + 1) % 500 === 0) {
      progress(n + 1);
    }
  }
}

/**
 * Makes sure every upload of the week has its workbook in `dir` (`<index>.xlsx`), writing the
 * missing ones in `jobs` worker threads; returns the total size in bytes.
 */
export async function prepareWorkbooks(
  dir: string,
  uploads: PlannedUpload[],
  jobs: number,
  progress: (written: number, missing: number) => void,
): Promise<number> {
  await mkdir(dir, { recursive: true });
  const missing = uploads.filter((u) => !existsSync(workbookPath(dir, u)));
  if (missing.length > 0) {
    const threads = Math.max(1, Math.min(jobs, Math.ceil(missing.length / 100)));
    const written = new Array<number>(threads).fill(0);
    await Promise.all(
      Array.from({ length: threads }, (_, t) => {
        // Round-robin, so the few huge files of the tail do not all land on one thread.
        const share = missing.filter((_, i) => i % threads === t);
        return runWorker(dir, share, (n) => {
          written[t] = n;
          progress(
            written.reduce((a, b) => a + b, 0),
            missing.length,
          );
        });
      }),
    );
  }
  let bytes = 0;
  for (const upload of uploads) {
    bytes += (await stat(workbookPath(dir, upload))).size;
  }
  return bytes;
}

function runWorker(
  dir: string,
  uploads: PlannedUpload[],
  progress: (written: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'replay-workbooks.worker.js'), {
      workerData: { dir, uploads },
    });
    worker.on('message', (written: number) => progress(written));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`workbook writer exited with ${code}`)),
    );
  });
}

export function workbookPath(dir: string, upload: PlannedUpload): string {
  return join(dir, `${upload.index}.xlsx`);
}
