import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

const ROWS_PER_INSERT = 1000;

/** What {@link seedSubscribers} made. */
export interface SeededSubscribers {
  userIds: string[];
}

/**
 * Inserts `count` accounts living at one address, each subscribed to `category` (IN_APP only),
 * with multi-row INSERTs: the population of a fan-out benchmark or test. Phones are
 * `+7999<prefix><index>`, so pick a prefix no other seed of the same database uses.
 */
export async function seedSubscribers(
  dataSource: DataSource,
  options: { count: number; address: string; category: string; phonePrefix: string },
): Promise<SeededSubscribers> {
  const userIds: string[] = [];
  const now = new Date();
  const width = 7 - options.phonePrefix.length;
  for (let from = 0; from < options.count; from += ROWS_PER_INSERT) {
    const ids = Array.from({ length: Math.min(ROWS_PER_INSERT, options.count - from) }, () =>
      randomUUID(),
    );
    await dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO users (id, last_name, first_name, middle_name, phone, email, password_hash,
           security_question, security_answer_hash, birth_date, created_at, updated_at)
         VALUES ${ids.map(() => "(?, 'Жителев', 'Житель', NULL, ?, NULL, 'not-a-hash', 'Вопрос', 'not-a-hash', NULL, ?, ?)").join(', ')}`,
        ids.flatMap((id, i) => [
          id,
          `+7999${options.phonePrefix}${String(from + i).padStart(width, '0')}`,
          now,
          now,
        ]),
      );
      await em.query(
        `INSERT INTO user_profiles (user_id, address, updated_at)
         VALUES ${ids.map(() => '(?, ?, ?)').join(', ')}`,
        ids.flatMap((id) => [id, options.address, now]),
      );
      await em.query(
        `INSERT INTO notification_subscriptions (user_id, category, channels, created_at, updated_at)
         VALUES ${ids.map(() => "(?, ?, 'IN_APP', ?, ?)").join(', ')}`,
        ids.flatMap((id) => [id, options.category, now, now]),
      );
    });
    userIds.push(...ids);
  }
  return { userIds };
}
