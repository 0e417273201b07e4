import { Injectable } from '@nestjs/common';
import { EntityManager, In, MoreThan } from 'typeorm';
import { InterAgencyHeldEventEntity } from '../entities/inter-agency-held-event.entity';
import { Environment } from '../inter-agency.enums';

/** A held event before it is stored. */
export type HeldEventRow = Omit<InterAgencyHeldEventEntity, 'id'>;

/** The only ORM user of `inter_agency_held_events`. */
@Injectable()
export class HeldEventRepository {
  /** INSERT IGNORE on (environment, message_id, at, status); answers how many were new. */
  async insert(em: EntityManager, rows: readonly HeldEventRow[]): Promise<number> {
    if (!rows.length) {
      return 0;
    }
    const result: { affectedRows?: number } = await em.query(
      `INSERT IGNORE INTO inter_agency_held_events (environment, message_id,
         data_kind_namespace_uri, consumer_mnemonic, provider_mnemonic, status, at, detail,
         received_at)
       VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      rows.flatMap((r) => [
        r.environment,
        r.messageId,
        r.dataKindNamespaceUri,
        r.consumerMnemonic,
        r.providerMnemonic,
        r.status,
        r.at,
        r.detail,
        r.receivedAt,
      ]),
    );
    return result.affectedRows ?? 0;
  }

  /** Held events naming the mnemonic on either side, oldest first. */
  findManyByMnemonic(
    em: EntityManager,
    environment: Environment,
    mnemonic: string,
    afterId: string,
    limit: number,
  ): Promise<InterAgencyHeldEventEntity[]> {
    const after = MoreThan(afterId);
    return em.find(InterAgencyHeldEventEntity, {
      where: [
        { environment, consumerMnemonic: mnemonic, id: after },
        { environment, providerMnemonic: mnemonic, id: after },
      ],
      order: { id: 'ASC' },
      take: limit,
    });
  }

  /** How many held events name each mnemonic (either side) in an environment. */
  async countByMnemonics(
    em: EntityManager,
    environment: Environment,
    mnemonics: readonly string[],
  ): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (!mnemonics.length) {
      return counts;
    }
    const marks = mnemonics.map(() => '?').join(', ');
    const rows: { mnemonic: string; n: string }[] = await em.query(
      `SELECT mnemonic, COUNT(*) AS n FROM (
         SELECT consumer_mnemonic AS mnemonic FROM inter_agency_held_events
         WHERE environment = ? AND consumer_mnemonic IN (${marks})
         UNION ALL
         SELECT provider_mnemonic AS mnemonic FROM inter_agency_held_events
         WHERE environment = ? AND provider_mnemonic IN (${marks})
       ) h GROUP BY mnemonic`,
      [environment, ...mnemonics, environment, ...mnemonics],
    );
    for (const row of rows) {
      const key = row.mnemonic.toLowerCase();
      counts.set(key, (counts.get(key) ?? 0) + Number(row.n));
    }
    return counts;
  }

  /** The operators' view: held events, oldest first. */
  findMany(
    em: EntityManager,
    environment: Environment | undefined,
    limit: number,
  ): Promise<InterAgencyHeldEventEntity[]> {
    return em.find(InterAgencyHeldEventEntity, {
      where: environment ? { environment } : {},
      order: { id: 'ASC' },
      take: limit,
    });
  }

  async deleteByIds(em: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length) {
      await em.delete(InterAgencyHeldEventEntity, { id: In([...ids]) });
    }
  }
}
