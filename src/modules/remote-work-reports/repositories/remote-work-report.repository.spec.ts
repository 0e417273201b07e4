import type { EntityManager } from 'typeorm';
import { ReportStatus } from '../remote-work-report.enums';
import { RemoteWorkReportRepository } from './remote-work-report.repository';

function fakeEm(affectedRows: number) {
  const query = jest.fn().mockResolvedValue({ affectedRows });
  return { em: { query } as unknown as EntityManager, query };
}

describe('RemoteWorkReportRepository.transition', () => {
  const repository = new RemoteWorkReportRepository();

  it('sets the changed columns, the status and the next revision, only from the given statuses and revision', async () => {
    const { em, query } = fakeEm(1);
    const at = new Date('2026-12-03T10:00:00Z');

    const changed = await repository.transition(
      em,
      'r1',
      [ReportStatus.PROCESSING],
      ReportStatus.REJECTED,
      { processedAt: at, sheetIssues: [], errorCode: 'WRONG_INN' },
      4,
    );

    expect(changed).toBe(true);
    const [sql, parameters] = query.mock.calls[0] as [string, unknown[]];
    expect(sql.replace(/\s+/g, ' ')).toBe(
      'UPDATE remote_work_reports SET processed_at = ?, sheet_issues = ?, error_code = ?, ' +
        'status = ?, revision = revision + 1 WHERE id = ? AND status IN (?) AND revision = ?',
    );
    expect(parameters).toEqual([at, '[]', 'WRONG_INN', 'REJECTED', 'r1', 'PROCESSING', 4]);
  });

  it('answers false when no row matched', async () => {
    const { em } = fakeEm(0);
    await expect(
      repository.transition(em, 'r1', [ReportStatus.QUEUED], ReportStatus.PROCESSING, {}),
    ).resolves.toBe(false);
  });

  it('refuses to set what is not a column a transition may set', async () => {
    const { em, query } = fakeEm(1);
    await expect(
      repository.transition(em, 'r1', [ReportStatus.QUEUED], ReportStatus.PROCESSING, {
        revision: 9,
      }),
    ).rejects.toThrow('revision is not a column a transition sets');
    expect(query).not.toHaveBeenCalled();
  });
});
