import { Injectable } from '@nestjs/common';
import { EntityManager, LessThan } from 'typeorm';
import { PendingRegistrationEntity } from '../entities/pending-registration.entity';

/** The only ORM user of `pending_registrations`. */
@Injectable()
export class PendingRegistrationRepository {
  async insert(em: EntityManager, registration: PendingRegistrationEntity): Promise<void> {
    await em.insert(PendingRegistrationEntity, registration);
  }

  findById(em: EntityManager, id: string): Promise<PendingRegistrationEntity | null> {
    return em.findOneBy(PendingRegistrationEntity, { id });
  }

  /** Counts one code check; false when the attempts are already spent (atomic). */
  async takeAttempt(em: EntityManager, id: string, maxAttempts: number): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(PendingRegistrationEntity)
      .set({ attempts: () => 'attempts + 1' })
      .where('id = :id AND attempts < :max', { id, max: maxAttempts })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Deletes it; false when another request already took it. */
  async delete(em: EntityManager, id: string): Promise<boolean> {
    const result = await em.delete(PendingRegistrationEntity, { id });
    return (result.affected ?? 0) > 0;
  }

  async deleteByPhone(em: EntityManager, phone: string): Promise<void> {
    await em.delete(PendingRegistrationEntity, { phone });
  }

  async deleteExpired(em: EntityManager, before: Date): Promise<number> {
    const result = await em.delete(PendingRegistrationEntity, { expiresAt: LessThan(before) });
    return result.affected ?? 0;
  }
}
