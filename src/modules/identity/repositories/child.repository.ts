import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { ChildEntity } from '../entities/child.entity';
import { LinkVerification } from '../link-verification';

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

  /** The child row, locked for update when asked. */
  findById(em: EntityManager, id: string, lock = false): Promise<ChildEntity | null> {
    const qb = em.createQueryBuilder(ChildEntity, 'c').where('c.id = :id', { id });
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  countByParentId(em: EntityManager, parentUserId: string): Promise<number> {
    return em.countBy(ChildEntity, { parentUserId });
  }

  /** The parent's children whose link waits for proof (UNVERIFIED), to be reconsidered. */
  findUnverifiedByParentId(em: EntityManager, parentUserId: string): Promise<ChildEntity[]> {
    return em.findBy(ChildEntity, { parentUserId, verification: LinkVerification.UNVERIFIED });
  }

  async updateVerification(
    em: EntityManager,
    id: string,
    verification: LinkVerification,
    verifiedAt: Date | null,
  ): Promise<void> {
    await em.update(ChildEntity, { id }, { verification, verifiedAt });
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
