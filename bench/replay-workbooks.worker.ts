// A worker thread of `prepareWorkbooks`: writes its share of the week's workbooks and reports
// how many it has written.
import { parentPort, workerData } from 'node:worker_threads';
import type { PlannedUpload } from './replay-week';
import { writeWorkbooks } from './replay-workbooks';

const { dir, uploads } = workerData as { dir: string; uploads: PlannedUpload[] };

writeWorkbooks(dir, uploads, (written) => parentPort?.postMessage(written))
  .then(() => parentPort?.postMessage(uploads.length))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
