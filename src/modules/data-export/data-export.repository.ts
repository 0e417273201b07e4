import { Injectable } from '@nestjs/common';
import { EntityManager, In, LessThanOrEqual } from 'typeorm';
import { DataExportStatus } from './data-export.enums';
import { DataExportEntity } from './entities/data-export.entity';

/** The only ORM user of `data_exports`. */
@Injectable()
export class DataExportRepository {
  findById(em: EntityManager, id: string): Promise<DataExportEntity | null> {
    return em.findOneBy(DataExportEntity, { id });
  }

  findOwned(em: EntityManager, id: string, userId: string): Promise<DataExportEntity | null> {
    return em.findOneBy(DataExportEntity, { id, userId });
  }

  findLatest(em: EntityManager, userId: string): Promise<DataExportEntity | null> {
    return em.findOne(DataExportEntity, {
      where: { userId },
      order: { requestedAt: 'DESC', id: 'DESC' },
    });
  }

  findByUser(em: EntityManager, userId: string): Promise<DataExportEntity[]> {
    return em.findBy(DataExportEntity, { userId });
  }

  async insert(em: EntityManager, row: DataExportEntity): Promise<void> {
    await em.insert(DataExportEntity, row);
  }

  /** Moves an export from one of `from` to `patch.status`; false when it was not in `from`. */
  async transition(
    em: EntityManager,
    id: string,
    from: DataExportStatus[],
    patch: Partial<DataExportEntity>,
  ): Promise<boolean> {
    const result = await em.update(DataExportEntity, { id, status: In(from) }, patch);
    return (result.affected ?? 0) > 0;
  }

  findReadyExpiredBy(em: EntityManager, now: Date, limit: number): Promise<DataExportEntity[]> {
    return em.find(DataExportEntity, {
      where: { status: DataExportStatus.READY, expiresAt: LessThanOrEqual(now) },
      order: { expiresAt: 'ASC' },
      take: limit,
    });
  }

  findUnfinished(em: EntityManager, limit: number): Promise<DataExportEntity[]> {
    return em.find(DataExportEntity, {
      where: { status: In([DataExportStatus.QUEUED, DataExportStatus.PROCESSING]) },
      order: { requestedAt: 'ASC' },
      take: limit,
    });
  }

  async deleteByUser(em: EntityManager, userId: string): Promise<void> {
    await em.delete(DataExportEntity, { userId });
  }
}
