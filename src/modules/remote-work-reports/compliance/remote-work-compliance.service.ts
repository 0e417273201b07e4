import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { reportsConfig } from '../../../config/configuration';
import type { AuthPrincipal } from '../../../shared/auth';
import { ReportDeadlineService } from '../deadlines/report-deadline.service';
import type { RemoteWorkCompliance } from '../graphql/remote-work-compliance.type';
import { RemoteWorkReportQueryService } from '../queries/remote-work-report-query.service';
import { RemoteWorkReportException } from '../remote-work-report.exception';
import { RemoteWorkReportRepository } from '../repositories/remote-work-report.repository';
import { ReportAccess } from '../report-access.service';
import { defaultReportingWeek, isMonday, isOnTime } from '../reporting-week';

// Shares are compared with a little slack so 3 of 10 meets 0.30 whatever the float rounding.
const EPSILON = 1e-9;

/** `remoteWorkCompliance(week)`: submitted, on time, remote share, requirement met. */
@Injectable()
export class RemoteWorkComplianceService {
  constructor(
    private readonly access: ReportAccess,
    private readonly dataSource: DataSource,
    private readonly reports: RemoteWorkReportRepository,
    private readonly query: RemoteWorkReportQueryService,
    private readonly deadlines: ReportDeadlineService,
    @Inject(reportsConfig.KEY) private readonly config: ConfigType<typeof reportsConfig>,
  ) {}

  async forWeek(principal: AuthPrincipal, week: string | undefined): Promise<RemoteWorkCompliance> {
    const { organizationId } = await this.access.forRead(principal);
    const reportingWeek = week ?? defaultReportingWeek(new Date());
    if (!isMonday(reportingWeek)) {
      throw RemoteWorkReportException.weekNotMonday(reportingWeek);
    }
    const [deadline, effective] = await Promise.all([
      this.deadlines.deadlineOf(reportingWeek),
      this.reports.findEffective(this.dataSource.manager, organizationId, reportingWeek),
    ]);
    if (!effective) {
      return {
        week: reportingWeek,
        deadline,
        submitted: false,
        onTime: false,
        remoteShare: null,
        meetsRequirement: false,
        report: null,
      };
    }
    const total = effective.totalEmployees;
    const remote = effective.remoteEmployees;
    // No share without a positive head count: nothing to measure a requirement against.
    const remoteShare = total && remote !== null ? remote / total : null;
    return {
      week: reportingWeek,
      deadline,
      submitted: true,
      onTime: isOnTime(effective.submittedAt, deadline),
      remoteShare,
      meetsRequirement:
        remoteShare !== null && remoteShare + EPSILON >= this.config.remoteShareRequired,
      report: await this.query.findInOrganization(organizationId, effective.id),
    };
  }
}
