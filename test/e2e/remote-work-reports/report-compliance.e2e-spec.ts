import { restoreReportEnv } from './report-env';
import { reportDeadlineExtend } from '../../../src/cli/report-deadline-extend.command';
import { createTestApp, TestApp } from '../../support/test-app';
import {
  ensureOrganization,
  fixtureBytes,
  memberToken,
  ROMASHKA,
  uniqueWeek,
  uploadReport,
  waitForFinalReport,
} from '../../support/report-fixtures';

const COMPLIANCE = `query($w: Date) {
  remoteWorkCompliance(week: $w) {
    week deadline submitted onTime remoteShare meetsRequirement report { id status }
  }
}`;

describe('remote-work reports: compliance', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    const organizationId = await ensureOrganization(t.dataSource, ROMASHKA);
    token = (await memberToken(t, organizationId, 'ADMIN')).token;
  });

  afterAll(async () => {
    await t.close();
    restoreReportEnv();
  });

  async function submit(week: string, bytes = fixtureBytes()) {
    const res = await uploadReport(t, token, bytes, { week });
    return waitForFinalReport(t, token, res.data!.submitRemoteWorkReport.id);
  }

  it('should show an unsubmitted week with its Monday 23:59:59 Moscow deadline', async () => {
    const week = uniqueWeek();
    const { remoteWorkCompliance } = await t.gql.ok(COMPLIANCE, { w: week }, { token });
    expect(remoteWorkCompliance).toEqual({
      week,
      deadline: `${week}T20:59:59.000Z`,
      submitted: false,
      onTime: false,
      remoteShare: null,
      meetsRequirement: false,
      report: null,
    });
  });

  it('should count an accepted report: on time, share 9/20, requirement met', async () => {
    const week = uniqueWeek();
    const report = await submit(week);
    const { remoteWorkCompliance } = await t.gql.ok(COMPLIANCE, { w: week }, { token });
    expect(remoteWorkCompliance).toMatchObject({
      submitted: true,
      onTime: true,
      remoteShare: 0.45,
      meetsRequirement: true,
      report: { id: report.id, status: 'PARTIALLY_ACCEPTED' },
    });
  });

  it('should count a report received after the deadline as late until the deadline is extended', async () => {
    // A week long past: the receipt (now) is after its deadline.
    const week = '2001-01-01';
    await submit(week);
    const late = (await t.gql.ok(COMPLIANCE, { w: week }, { token })).remoteWorkCompliance;
    expect(late).toMatchObject({ submitted: true, onTime: false });

    const extended = new Date(Date.now() + 3600_000).toISOString().replace('Z', '+00:00');
    expect(await reportDeadlineExtend(t.app, [week, extended])).toMatchObject({ week });
    const onTime = (await t.gql.ok(COMPLIANCE, { w: week }, { token })).remoteWorkCompliance;
    expect(onTime).toMatchObject({ submitted: true, onTime: true });
    expect(Date.parse(onTime.deadline)).toBe(Date.parse(extended));
  });

  it('should refuse bad extensions in the CLI', async () => {
    await expect(
      reportDeadlineExtend(t.app, ['2026-11-24', '2026-11-25T00:00:00+03:00']),
    ).rejects.toThrow(/not a Monday/);
    await expect(
      reportDeadlineExtend(t.app, ['2026-11-23', '2026-11-25T00:00:00']),
    ).rejects.toThrow(/offset/);
    await expect(
      reportDeadlineExtend(t.app, ['2026-11-23', '2026-11-23T12:00:00+03:00']),
    ).rejects.toThrow(/later than the regular one/);
  });

  it('should not count a REJECTED report as submitted', async () => {
    const week = uniqueWeek();
    await submit(week, Buffer.from('not a workbook at all'));
    const { remoteWorkCompliance } = await t.gql.ok(COMPLIANCE, { w: week }, { token });
    expect(remoteWorkCompliance).toMatchObject({ submitted: false, report: null });
  });

  it('should refuse a week that is not a Monday', async () => {
    const res = await t.gql.request(COMPLIANCE, { w: '2026-11-25' }, { token });
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field: 'week' })],
    });
  });
});
