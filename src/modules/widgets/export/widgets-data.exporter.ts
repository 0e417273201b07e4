import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { exportedTime } from '../../../shared/personal-data';
import type { PersonalDataExporter, PersonalDataSection } from '../../../shared/personal-data';
import { WidgetEntity } from '../entities/widget.entity';

/** The dashboard's widgets of the account and of its children's student sessions. */
@Injectable()
export class WidgetsDataExporter implements PersonalDataExporter {
  async exportFor(em: EntityManager, userId: string): Promise<PersonalDataSection[]> {
    const widgets = await em.find(WidgetEntity, {
      where: { userId },
      order: { ownerId: 'ASC', position: 'ASC' },
    });
    return [
      {
        key: 'widgets',
        title: 'Виджеты',
        records: widgets.map((w) => ({
          id: w.id,
          type: w.type,
          childId: w.childId,
          position: w.position,
          hidden: w.hidden,
          settings: w.settings,
          createdAt: exportedTime(w.createdAt),
          updatedAt: exportedTime(w.updatedAt),
        })),
      },
    ];
  }
}
