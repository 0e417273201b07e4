import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { VehicleEntity } from '../entities/vehicle.entity';

/** The only ORM user of `vehicles`. */
@Injectable()
export class VehicleRepository {
  findManyByUserIds(em: EntityManager, userIds: readonly string[]): Promise<VehicleEntity[]> {
    return em.find(VehicleEntity, {
      where: { userId: In([...userIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  findByUserAndPlate(em: EntityManager, userId: string, plate: string) {
    return em.findOneBy(VehicleEntity, { userId, plate });
  }

  /** The vehicle row, locked for update when asked. */
  findById(em: EntityManager, id: string, lock = false): Promise<VehicleEntity | null> {
    const qb = em.createQueryBuilder(VehicleEntity, 'v').where('v.id = :id', { id });
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  countByUserId(em: EntityManager, userId: string): Promise<number> {
    return em.countBy(VehicleEntity, { userId });
  }

  async update(
    em: EntityManager,
    id: string,
    changes: Partial<
      Pick<VehicleEntity, 'registrationCertificate' | 'verification' | 'linkedAt' | 'verifiedAt'>
    >,
  ): Promise<void> {
    await em.update(VehicleEntity, { id }, changes);
  }

  async insert(em: EntityManager, vehicle: VehicleEntity): Promise<void> {
    await em.insert(VehicleEntity, vehicle);
  }

  /** Deletes the user's vehicle; false when the user has no vehicle with that id. */
  async deleteOwned(em: EntityManager, userId: string, id: string): Promise<boolean> {
    const result = await em.delete(VehicleEntity, { id, userId });
    return (result.affected ?? 0) > 0;
  }

  async deleteByUserId(em: EntityManager, userId: string): Promise<void> {
    await em.delete(VehicleEntity, { userId });
  }
}
