import { TransactionRunner } from '../../../src/core/database/transaction-runner';
import { createTestApp, TestApp } from '../../support/test-app';

describe(TransactionRunner.name, () => {
  let t: TestApp;
  let tx: TransactionRunner;

  beforeAll(async () => {
    t = await createTestApp();
    tx = t.app.get(TransactionRunner);
    await t.dataSource.query(
      'CREATE TABLE IF NOT EXISTS tx_probe (id INT PRIMARY KEY, counter INT NOT NULL, label VARCHAR(100) NOT NULL) DEFAULT CHARSET=utf8mb4',
    );
  });

  afterAll(async () => {
    await t.dataSource.query('DROP TABLE IF EXISTS tx_probe');
    await t.close();
  });

  it('should retry a transaction that lost a deadlock and finish both', async () => {
    await t.dataSource.query('DELETE FROM tx_probe');
    await t.dataSource.query("INSERT INTO tx_probe VALUES (1, 0, 'a'), (2, 0, 'b')");
    let firstLocked!: () => void;
    let secondLocked!: () => void;
    const bothLocked = Promise.all([
      new Promise<void>((r) => (firstLocked = r)),
      new Promise<void>((r) => (secondLocked = r)),
    ]);
    let attempts = 0;
    // Each transaction locks one row, waits until the other holds its row, then asks for the
    // other's row: MariaDB kills one of them with error 1213 and the runner retries it.
    const cross = (mine: number, theirs: number, locked: () => void) =>
      tx.run(async (em) => {
        attempts += 1;
        await em.query('UPDATE tx_probe SET counter = counter + 1 WHERE id = ?', [mine]);
        locked();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([bothLocked, new Promise((r) => (timer = setTimeout(r, 2000)))]);
        clearTimeout(timer);
        await em.query('UPDATE tx_probe SET counter = counter + 1 WHERE id = ?', [theirs]);
      });
    await Promise.all([cross(1, 2, firstLocked), cross(2, 1, secondLocked)]);
    expect(attempts).toBe(3);
    const rows = await t.dataSource.query<{ counter: number }[]>(
      'SELECT id, counter FROM tx_probe ORDER BY id',
    );
    expect(rows.map((r) => Number(r.counter))).toEqual([2, 2]);
  });

  it('should not retry other errors', async () => {
    let attempts = 0;
    await expect(
      tx.run(async (em) => {
        attempts += 1;
        await em.query('SELECT nothing FROM no_such_table');
      }),
    ).rejects.toThrow();
    expect(attempts).toBe(1);
  });

  it('should store and read back four-byte characters (utf8mb4)', async () => {
    await t.dataSource.query("INSERT INTO tx_probe VALUES (3, 0, 'Анна 🎉 👩‍💻')");
    const [row] = await t.dataSource.query<{ label: string }[]>(
      'SELECT label FROM tx_probe WHERE id = 3',
    );
    expect(row.label).toBe('Анна 🎉 👩‍💻');
  });
});
