import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../src/core/database/transaction-runner';

// Runs against the cluster of scripts/cluster/up.sh (`npm run test:cluster`): Galera certifies a
// transaction at commit, and refuses one that lost the race to a write committed on another node
// with a deadlock error (1213) although no lock was ever waited for. The transaction runner must
// run such a transaction again.

const NODE1 = Number(process.env.GALERA_NODE1_PORT ?? 3311);
const NODE2 = Number(process.env.GALERA_NODE2_PORT ?? 3312);

describe('Galera certification conflicts', () => {
  const database = `kabinet_cluster_${randomBytes(4).toString('hex')}`;
  let source: DataSource;

  beforeAll(async () => {
    const admin = await createConnection({ host: '127.0.0.1', port: NODE1, user: 'root' });
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.query(`CREATE TABLE ${database}.counter (id INT PRIMARY KEY, v INT NOT NULL)`);
    await admin.query(`INSERT INTO ${database}.counter VALUES (1, 0)`);
    await admin.end();
    source = new DataSource({
      type: 'mysql',
      host: '127.0.0.1',
      port: NODE1,
      username: 'root',
      database,
    });
    await source.initialize();
  });

  afterAll(async () => {
    await source?.query(`DROP DATABASE IF EXISTS ${database}`);
    await source?.destroy();
  });

  it('refuses the loser of a cross-node write race with 1213, and the runner runs it again', async () => {
    const other = await createConnection({
      host: '127.0.0.1',
      port: NODE2,
      user: 'root',
      database,
    });
    let attempts = 0;
    const runner = new TransactionRunner(source);
    const seen = await runner.run(async (em) => {
      attempts += 1;
      const [row] = await em.query<{ v: number }[]>('SELECT v FROM counter WHERE id = 1');
      await em.query('UPDATE counter SET v = ? WHERE id = 1', [row.v + 1]);
      if (attempts === 1) {
        // The same row committed on the other node before this transaction commits: at its
        // commit, node 1 finds the conflict in certification.
        await other.query('UPDATE counter SET v = v + 10 WHERE id = 1');
      }
      return row.v;
    });
    await other.end();
    expect(attempts).toBe(2);
    // The retry read the other node's write, so neither update is lost.
    expect(seen).toBe(10);
    const [final] = await source.query<{ v: number }[]>('SELECT v FROM counter WHERE id = 1');
    expect(final.v).toBe(11);
  });

  it('shows the raw refusal: without the runner the loser gets ER_LOCK_DEADLOCK', async () => {
    const one = await createConnection({ host: '127.0.0.1', port: NODE1, user: 'root', database });
    const two = await createConnection({ host: '127.0.0.1', port: NODE2, user: 'root', database });
    await one.beginTransaction();
    await one.query('UPDATE counter SET v = v + 1 WHERE id = 1');
    await two.query('UPDATE counter SET v = v + 100 WHERE id = 1');
    await expect(one.commit()).rejects.toMatchObject({ errno: 1213 });
    await one.end();
    await two.end();
  });
});
