import type { DataSource } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import type { ReportDeadlineService } from '../deadlines/report-deadline.service';
import type { RemoteWorkReport } from '../graphql/remote-work-report.type';
import type { RemoteWorkReportQueryService } from '../queries/remote-work-report-query.service';
import type { RemoteWorkReportRepository } from '../repositories/remote-work-report.repository';
import type { ReportAccess } from '../report-access.service';
import { regularDeadline } from '../reporting-week';
import { RemoteWorkComplianceService } from './remote-work-compliance.service';
import { strictFn as strict } from '../../../../test/support/unit';

const WEEK = '2026-11-23';
const principal = { kind: 'user', organizationId: 'org' } as AuthPrincipal;

describe(RemoteWorkComplianceService.name, () => {
  let reports: { findEffective: jest.Mock };
  let deadlines: { deadlineOf: jest.Mock };
  let query: { findInOrganization: jest.Mock };
  let service: RemoteWorkComplianceService;
  const view = { id: 'r1' } as RemoteWorkReport;

  beforeEach(() => {
    reports = { findEffective: strict() };
    deadlines = { deadlineOf: strict() };
    query = { findInOrganization: strict() };
    service = new RemoteWorkComplianceService(
      {
        forRead: jest.fn().mockResolvedValue({ organizationId: 'org' }),
      } as unknown as ReportAccess,
      { manager: {} } as DataSource,
      reports as unknown as RemoteWorkReportRepository,
      query as unknown as RemoteWorkReportQueryService,
      deadlines as unknown as ReportDeadlineService,
      { remoteShareRequired: 0.3 } as never,
    );
    deadlines.deadlineOf.mockResolvedValue(regularDeadline(WEEK));
    query.findInOrganization.mockResolvedValue(view);
  });

  const effective = (values: Record<string, unknown>) =>
    reports.findEffective.mockResolvedValue({ id: 'r1', totalEmployees: 10, ...values });

  it('should say not submitted when no accepted report exists', async () => {
    reports.findEffective.mockResolvedValue(null);
    expect(await service.forWeek(principal, WEEK)).toEqual({
      week: WEEK,
      deadline: new Date('2026-11-23T20:59:59.000Z'),
      submitted: false,
      onTime: false,
      remoteShare: null,
      meetsRequirement: false,
      report: null,
    });
  });

  it('should count a receipt within the deadline’s last second as on time, not a moment after', async () => {
    effective({ remoteEmployees: 3, submittedAt: new Date('2026-11-23T20:59:59.999Z') });
    expect((await service.forWeek(principal, WEEK)).onTime).toBe(true);
    effective({ remoteEmployees: 3, submittedAt: new Date('2026-11-23T21:00:00.000Z') });
    expect((await service.forWeek(principal, WEEK)).onTime).toBe(false);
  });

  it('should meet the requirement at exactly the required share and miss it below', async () => {
    effective({ remoteEmployees: 3, submittedAt: new Date('2026-11-20T10:00:00Z') });
    expect(await service.forWeek(principal, WEEK)).toMatchObject({
      submitted: true,
      remoteShare: 0.3,
      meetsRequirement: true,
      report: view,
    });
    effective({ remoteEmployees: 2, submittedAt: new Date('2026-11-20T10:00:00Z') });
    expect(await service.forWeek(principal, WEEK)).toMatchObject({
      remoteShare: 0.2,
      meetsRequirement: false,
    });
  });

  it('should give no share for an organization that declared no employees', async () => {
    effective({
      totalEmployees: 0,
      remoteEmployees: 0,
      submittedAt: new Date('2026-11-20T10:00:00Z'),
    });
    expect(await service.forWeek(principal, WEEK)).toMatchObject({
      submitted: true,
      remoteShare: null,
      meetsRequirement: false,
    });
  });

  it('should use an extended deadline', async () => {
    deadlines.deadlineOf.mockResolvedValue(new Date('2026-11-25T20:59:59Z'));
    effective({ remoteEmployees: 5, submittedAt: new Date('2026-11-24T12:00:00Z') });
    expect((await service.forWeek(principal, WEEK)).onTime).toBe(true);
  });

  it('should refuse a week that is not a Monday', async () => {
    await expect(service.forWeek(principal, '2026-11-24')).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});
