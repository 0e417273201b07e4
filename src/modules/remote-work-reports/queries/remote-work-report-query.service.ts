import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { appConfig } from '../../../config/configuration';
import type { AuthPrincipal } from '../../../shared/auth';
import { pageSize, toConnection } from '../../../shared/graphql/connection';
import type { RemoteWorkReportConnection } from '../graphql/remote-work-report.connection';
import type { RemoteWorkReport } from '../graphql/remote-work-report.type';
import type { RemoteWorkReportsArgs } from '../graphql/remote-work-reports.args';
import { toRemoteWorkReport } from '../remote-work-report.mapper';
import { RemoteWorkReportException } from '../remote-work-report.exception';
import { RemoteWorkReportRepository } from '../repositories/remote-work-report.repository';
import type { StoredReport } from '../repositories/remote-work-report.repository';
import { ReportAccess } from '../report-access.service';
import { isMonday } from '../reporting-week';

export const TEMPLATE_PATH = '/files/templates/remote-work-report.xlsx';

/** Reading the journal: lists, single reports, the template link. */
@Injectable()
export class RemoteWorkReportQueryService {
  constructor(
    private readonly access: ReportAccess,
    private readonly dataSource: DataSource,
    private readonly reports: RemoteWorkReportRepository,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  /** The GraphQL view of a report already at hand (no query). */
  toView(stored: StoredReport): RemoteWorkReport {
    return toRemoteWorkReport(stored, this.app.publicUrl);
  }

  templateUrl(): string {
    return `${this.app.publicUrl}${TEMPLATE_PATH}`;
  }

  async list(
    principal: AuthPrincipal,
    args: RemoteWorkReportsArgs,
  ): Promise<RemoteWorkReportConnection> {
    const { organizationId } = await this.access.forRead(principal);
    if (args.week !== undefined && !isMonday(args.week)) {
      throw RemoteWorkReportException.weekNotMonday(args.week);
    }
    const filter = { organizationId, week: args.week };
    const first = pageSize(args);
    const em = this.dataSource.manager;
    const [rows, total] = await Promise.all([
      this.reports.findPage(em, filter, first, args.after),
      this.reports.count(em, filter),
    ]);
    return toConnection(
      rows.map((row) => toRemoteWorkReport(row, this.app.publicUrl)),
      first,
      total,
    );
  }

  async findOne(principal: AuthPrincipal, id: string): Promise<RemoteWorkReport> {
    const { organizationId } = await this.access.forRead(principal);
    return this.findInOrganization(organizationId, id);
  }

  /** A report of the organization; NOT_FOUND for any other id (another organization's included). */
  async findInOrganization(organizationId: string, id: string): Promise<RemoteWorkReport> {
    const found = isUUID(id)
      ? await this.reports.findInOrganization(this.dataSource.manager, organizationId, id)
      : null;
    if (!found) {
      throw RemoteWorkReportException.reportNotFound();
    }
    return toRemoteWorkReport(found, this.app.publicUrl);
  }
}
