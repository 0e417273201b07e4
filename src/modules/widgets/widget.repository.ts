import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WidgetEntity } from './entities/widget.entity';

/** The only ORM user of `widgets`. */
@Injectable()
export class WidgetRepository {
  findManyByOwner(em: EntityManager, ownerId: string): Promise<WidgetEntity[]> {
    return em.find(WidgetEntity, {
      where: { ownerId },
      order: { position: 'ASC', createdAt: 'ASC' },
    });
  }

  async insert(em: EntityManager, widget: WidgetEntity): Promise<void> {
    await em.insert(WidgetEntity, widget);
  }

  async update(
    em: EntityManager,
    id: string,
    changes: Partial<Pick<WidgetEntity, 'position' | 'hidden' | 'settings' | 'updatedAt'>>,
  ): Promise<void> {
    await em.update(WidgetEntity, { id }, changes);
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await em.delete(WidgetEntity, { id });
  }
}
