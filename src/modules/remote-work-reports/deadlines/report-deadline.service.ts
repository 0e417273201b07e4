import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReportDeadlineExtensionRepository } from '../repositories/report-deadline-extension.repository';
import { regularDeadline } from '../reporting-week';

/** Deadlines of reporting weeks: Monday 23:59:59 Moscow time unless the operator moved it. */
@Injectable()
export class ReportDeadlineService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly extensions: ReportDeadlineExtensionRepository,
  ) {}

  async deadlineOf(week: string): Promise<Date> {
    const extension = await this.extensions.findByWeek(this.dataSource.manager, week);
    return extension?.deadline ?? regularDeadline(week);
  }

  /** Sets (or replaces) the deadline of a week; the caller has checked the week and the instant. */
  async extend(week: string, deadline: Date): Promise<void> {
    await this.extensions.upsert(this.dataSource.manager, {
      week,
      deadline,
      updatedAt: new Date(),
    });
  }
}
