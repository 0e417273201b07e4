import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In } from 'typeorm';
import { applyKeyset } from '../../../shared/database/keyset';
import { DataKindEntity } from '../entities/data-kind.entity';

// LIKE treats % and _ as wildcards: a search for them means the characters themselves.
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The only ORM user of `data_kinds`. */
@Injectable()
export class DataKindRepository {
  async insert(em: EntityManager, row: DataKindEntity): Promise<void> {
    await em.insert(DataKindEntity, row);
  }

  findById(em: EntityManager, id: string): Promise<DataKindEntity | null> {
    return em.findOneBy(DataKindEntity, { id });
  }

  findManyByIds(em: EntityManager, ids: readonly string[]): Promise<DataKindEntity[]> {
    return ids.length ? em.findBy(DataKindEntity, { id: In([...ids]) }) : Promise.resolve([]);
  }

  /** Kinds of data by namespace URI (every version). */
  findManyByNamespaces(em: EntityManager, uris: readonly string[]): Promise<DataKindEntity[]> {
    return uris.length
      ? em.find(DataKindEntity, {
          where: { namespaceUri: In([...uris]) },
          order: { createdAt: 'ASC', id: 'ASC' },
        })
      : Promise.resolve([]);
  }

  /**
   * A catalog page, newest first, optionally by a substring of the name or namespace URI. The
   * catalog holds thousands of kinds, not millions: a scan of it for a substring is cheap.
   */
  async findPage(
    em: EntityManager,
    search: string | undefined,
    first: number,
    after?: string,
  ): Promise<{ rows: DataKindEntity[]; total: number }> {
    const filtered = () => {
      const qb = em.createQueryBuilder(DataKindEntity, 'k');
      if (search) {
        const pattern = likeContains(search);
        qb.where(
          new Brackets((w) =>
            w
              .where('k.name LIKE :pattern', { pattern })
              .orWhere('k.namespace_uri LIKE :pattern', { pattern }),
          ),
        );
      }
      return qb;
    };
    const [rows, total] = await Promise.all([
      applyKeyset(filtered(), 'k', first, after).getMany(),
      filtered().getCount(),
    ]);
    return { rows, total };
  }
}
