import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { ChildEntity } from '../entities/child.entity';

/** The only ORM user of `children`. */
@Injectable()
export class ChildRepository {
  findManyByParentIds(em: EntityManager, parentIds: readonly string[]): Promise<ChildEntity[]> {
    return em.find(ChildEntity, {
      where: { parentUserId: In([...parentIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  findBySchoolLogin(em: EntityManager, schoolLogin: string): Promise<ChildEntity | null> {
    return em.findOneBy(ChildEntity, { schoolLogin });
  }

  async insert(em: EntityManager, child: ChildEntity): Promise<void> {
    await em.insert(ChildEntity, child);
  }

  /** Deletes the parent's child; false when the parent has no child with that id. */
  async deleteOwned(em: EntityManager, parentUserId: string, id: string): Promise<boolean> {
    const result = await em.delete(ChildEntity, { id, parentUserId });
    return (result.affected ?? 0) > 0;
  }

  async deleteByParentId(em: EntityManager, parentUserId: string): Promise<void> {
    await em.delete(ChildEntity, { parentUserId });
  }
}
