import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In } from 'typeorm';
import { InformationSystemEntity } from '../entities/information-system.entity';
import { Environment, RegistrationStatus } from '../inter-agency.enums';

/** The only ORM user of `information_systems`. */
@Injectable()
export class InformationSystemRepository {
  async insert(em: EntityManager, row: InformationSystemEntity): Promise<void> {
    await em.insert(InformationSystemEntity, row);
  }

  findById(em: EntityManager, id: string): Promise<InformationSystemEntity | null> {
    return em.findOneBy(InformationSystemEntity, { id });
  }

  /** Locks the row for a state change. */
  findByIdForUpdate(em: EntityManager, id: string): Promise<InformationSystemEntity | null> {
    return em.findOne(InformationSystemEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  findManyByIds(em: EntityManager, ids: readonly string[]): Promise<InformationSystemEntity[]> {
    return ids.length
      ? em.findBy(InformationSystemEntity, { id: In([...ids]) })
      : Promise.resolve([]);
  }

  /** The organization's systems in the environments given, newest first. */
  findManyByOrganization(
    em: EntityManager,
    organizationId: string,
    environments: Environment[],
  ): Promise<InformationSystemEntity[]> {
    return em.find(InformationSystemEntity, {
      where: { organizationId, environment: In(environments) },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  /**
   * Registrations waiting for the automatic check in an environment, oldest first (those held
   * for an operator wait for the operator instead).
   */
  findManyPending(
    em: EntityManager,
    environment: Environment,
    limit: number,
    olderThan?: Date,
  ): Promise<InformationSystemEntity[]> {
    const qb = em
      .createQueryBuilder(InformationSystemEntity, 's')
      .where('s.status = :status AND s.environment = :environment', {
        status: RegistrationStatus.PENDING,
        environment,
      })
      .andWhere('s.review_held_at IS NULL')
      .orderBy('s.created_at', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(limit);
    if (olderThan) {
      qb.andWhere('s.created_at < :olderThan', { olderThan });
    }
    return qb.getMany();
  }

  /**
   * ACTIVE systems by mnemonic in one environment: the only ones message events are credited
   * to (a PENDING registration is nobody's until an operator or the TEST check decides).
   */
  findManyActiveByMnemonics(
    em: EntityManager,
    environment: Environment,
    mnemonics: readonly string[],
  ): Promise<InformationSystemEntity[]> {
    return mnemonics.length
      ? em.findBy(InformationSystemEntity, {
          environment,
          ownedMnemonic: In([...mnemonics]),
          status: RegistrationStatus.ACTIVE,
        })
      : Promise.resolve([]);
  }

  /** Holds a PENDING TEST registration for an operator; false when no longer PENDING. */
  async holdForReview(em: EntityManager, id: string, at: Date): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(InformationSystemEntity)
      .set({ reviewHeldAt: at, updatedAt: at })
      .where('id = :id AND status = :pending AND review_held_at IS NULL', {
        id,
        pending: RegistrationStatus.PENDING,
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** The operator's queue: PENDING PROD registrations and held TEST ones, oldest first. */
  findManyForOperator(em: EntityManager, limit: number): Promise<InformationSystemEntity[]> {
    return em
      .createQueryBuilder(InformationSystemEntity, 's')
      .where('s.status = :status', { status: RegistrationStatus.PENDING })
      .andWhere(
        new Brackets((w) =>
          w
            .where('s.environment = :prod', { prod: Environment.PROD })
            .orWhere('s.environment = :test AND s.review_held_at IS NOT NULL', {
              test: Environment.TEST,
            }),
        ),
      )
      .orderBy('s.created_at', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** The ACTIVE system owning a mnemonic in an environment, if any. */
  findOwnerOfMnemonic(
    em: EntityManager,
    environment: Environment,
    mnemonic: string,
  ): Promise<InformationSystemEntity | null> {
    return em.findOneBy(InformationSystemEntity, { environment, ownedMnemonic: mnemonic });
  }

  /**
   * Live (PENDING or ACTIVE) registrations of these mnemonics in both environments: what the
   * operator's queue compares a PENDING registration with.
   */
  findLiveByMnemonics(
    em: EntityManager,
    mnemonics: readonly string[],
  ): Promise<InformationSystemEntity[]> {
    if (!mnemonics.length) {
      return Promise.resolve([]);
    }
    const liveMnemonic = In([...mnemonics]);
    return em.find(InformationSystemEntity, {
      where: [
        { environment: Environment.TEST, liveMnemonic },
        { environment: Environment.PROD, liveMnemonic },
      ],
    });
  }

  /** Moves a PENDING registration to its decision; false when it was no longer PENDING. */
  async decide(
    em: EntityManager,
    id: string,
    decision: {
      status: RegistrationStatus.ACTIVE | RegistrationStatus.REJECTED;
      reason: string | null;
      byUserId: string | null;
      at: Date;
    },
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(InformationSystemEntity)
      .set({
        status: decision.status,
        decisionReason: decision.reason,
        decidedByUserId: decision.byUserId,
        decidedAt: decision.at,
        updatedAt: decision.at,
        // ACTIVE takes the mnemonic (unique per environment: a duplicate-key error when another
        // system owns it already); REJECTED frees the organization's live registration.
        ...(decision.status === RegistrationStatus.REJECTED
          ? { liveMnemonic: null }
          : { ownedMnemonic: () => 'mnemonic' }),
      })
      .where('id = :id AND status = :pending', { id, pending: RegistrationStatus.PENDING })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
