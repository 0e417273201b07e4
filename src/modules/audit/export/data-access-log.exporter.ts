import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { exportedTime } from '../../../shared/personal-data';
import type { PersonalDataExporter, PersonalDataSection } from '../../../shared/personal-data';
import { AuditActorKind } from '../audit.enums';
import { DataAccessRecordEntity } from '../entities/data-access-record.entity';

/** The whole access log of the person, oldest first, as `myDataAccessLog` shows it. */
@Injectable()
export class DataAccessLogExporter implements PersonalDataExporter {
  async exportFor(em: EntityManager, userId: string): Promise<PersonalDataSection[]> {
    const records = await em.find(DataAccessRecordEntity, {
      where: { subjectUserId: userId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return [
      {
        key: 'data-access-log',
        title: 'Журнал доступа к данным',
        records: records.map((r) => ({
          id: r.id,
          at: exportedTime(r.createdAt),
          actor: r.actorKind === AuditActorKind.SELF ? 'Вы' : r.actorLabel,
          actorKind: r.actorKind,
          action: r.action,
          fields: r.fields,
          purpose: r.purpose,
        })),
      },
    ];
  }
}
