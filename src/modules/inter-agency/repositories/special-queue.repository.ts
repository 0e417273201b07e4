import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { SpecialQueueEntity } from '../entities/special-queue.entity';

/** The only ORM user of `special_queues`. */
@Injectable()
export class SpecialQueueRepository {
  async insert(em: EntityManager, row: SpecialQueueEntity): Promise<void> {
    await em.insert(SpecialQueueEntity, row);
  }

  /** Queues of many systems, each system's oldest first (for the loader). */
  findManyBySystems(
    em: EntityManager,
    systemIds: readonly string[],
  ): Promise<SpecialQueueEntity[]> {
    return systemIds.length
      ? em.find(SpecialQueueEntity, {
          where: { systemId: In([...systemIds]) },
          order: { createdAt: 'ASC', id: 'ASC' },
        })
      : Promise.resolve([]);
  }
}
