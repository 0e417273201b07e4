import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ReportDeadlineExtensionEntity } from '../entities/report-deadline-extension.entity';

/** The only ORM user of `report_deadline_extensions`. */
@Injectable()
export class ReportDeadlineExtensionRepository {
  findByWeek(em: EntityManager, week: string): Promise<ReportDeadlineExtensionEntity | null> {
    return em.findOneBy(ReportDeadlineExtensionEntity, { week });
  }

  async upsert(em: EntityManager, extension: ReportDeadlineExtensionEntity): Promise<void> {
    await em.upsert(ReportDeadlineExtensionEntity, extension, ['week']);
  }
}
