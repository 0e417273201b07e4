import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkInn, checkOgrn } from '../src/shared/identifiers';
import { parseRemoteWorkReport } from '../src/modules/remote-work-reports/parsing/remote-work-report.parser';
import { badRowCount, expectedStatus, PlannedUpload, UploadKind } from './replay-week';
import { replayOrganization, writeReplayWorkbook } from './replay-workbooks';

// The replay counts a report whose final status differs from its kind's as a failure, so the
// generated files must reach exactly those statuses through the real parser.
describe('replay workbooks', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kabinet-replay-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function parse(upload: PlannedUpload) {
    const path = join(dir, `${upload.index}.xlsx`);
    await writeReplayWorkbook(path, upload);
    let stored = 0;
    const outcome = await parseRemoteWorkReport(
      path,
      {
        organization: replayOrganization(upload.index),
        maxRows: 200_000,
        maxUnpackedBytes: 256 * 1024 * 1024,
      },
      (rows) => {
        stored += rows.length;
        return Promise.resolve();
      },
    );
    return { outcome, stored };
  }

  it.each<[UploadKind, number]>([
    ['valid', 1],
    ['valid', 7],
    ['bad-rows', 2],
    ['bad-rows', 35],
    ['unreadable', 5],
  ])('should end a %s file of %i rows with the status the replay expects', async (kind, rows) => {
    const { outcome, stored } = await parse({ index: 100_000 + rows, rows, kind, at: 0 });
    expect(outcome.status).toBe(expectedStatus(kind));
    if (kind === 'unreadable') {
      expect(outcome.rejectionCode).toBe('FILE_UNREADABLE');
      return;
    }
    const bad = kind === 'bad-rows' ? badRowCount(rows) : 0;
    expect(outcome).toMatchObject({ rowsTotal: rows, rowsAccepted: rows - bad, rowsRejected: bad });
    expect(stored).toBe(rows);
  });

  it('should give every upload its own employer with valid, distinct identifiers', () => {
    const employers = [0, 1, 99_999, 100_000, 179_999].map(replayOrganization);
    for (const employer of employers) {
      expect(checkInn(employer.inn).valid).toBe(true);
      expect(checkOgrn(employer.ogrn).valid).toBe(true);
    }
    expect(new Set(employers.map((e) => e.inn)).size).toBe(employers.length);
    expect(new Set(employers.map((e) => e.ogrn)).size).toBe(employers.length);
  });
});
