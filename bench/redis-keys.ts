import Redis from 'ioredis';

/**
 * Deletes every Redis key of one database's deployment: its Bull queues (`bull:<database>:`) and
 * its counters (`kabinet:<database>:`). Other databases' keys on the same Redis stay untouched.
 */
export async function deleteDatabaseKeys(redis: Redis | string, database: string): Promise<void> {
  const client = typeof redis === 'string' ? new Redis(redis) : redis;
  try {
    for (const pattern of [`bull:${database}:*`, `kabinet:${database}:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) {
          await client.del(...keys);
        }
      } while (cursor !== '0');
    }
  } finally {
    if (client !== redis) {
      await client.quit();
    }
  }
}
