import type { DataSource } from 'typeorm';
import {
  AuthHarness,
  confirmEmail,
  errorOf,
  LOGIN,
  ME,
  registerAccount,
  startAuthApp,
} from './auth-e2e.helpers';

const DELETE = 'mutation($password: String!) { deleteAccount(password: $password) }';
const REQUEST_CODE = 'mutation($login: String!) { requestLoginCode(login: $login) }';
const TEXT_TYPES = ['char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'json'];

/** Every `table.column` of the test database whose text contains one of the values. */
async function findEverywhere(dataSource: DataSource, values: string[]): Promise<string[]> {
  const columns: { table: string; column: string }[] = await dataSource.query(
    `SELECT TABLE_NAME AS \`table\`, COLUMN_NAME AS \`column\`
       FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE IN (?)`,
    [TEXT_TYPES],
  );
  expect(columns.length).toBeGreaterThan(10);
  const hits: string[] = [];
  for (const { table, column } of columns) {
    for (const value of values) {
      const [row] = await dataSource.query(
        // Converted, so columns in other character sets (ascii ids) are searched as well.
        `SELECT COUNT(*) AS n FROM \`${table}\`
          WHERE CONVERT(\`${column}\` USING utf8mb4) LIKE CONCAT('%', ?, '%')`,
        [value],
      );
      if (Number(row.n) > 0) {
        hits.push(`${table}.${column} ∋ ${value}`);
      }
    }
  }
  return hits;
}

describe('deleteAccount', () => {
  let h: AuthHarness;

  beforeAll(async () => {
    h = await startAuthApp();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('should refuse a wrong password with BAD_USER_INPUT and keep the account', async () => {
    const account = await registerAccount(h);
    const res = await h.gql.request(
      DELETE,
      { password: 'wrong-password' },
      { token: account.accessToken },
    );
    expect(errorOf(res)).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'WRONG_PASSWORD',
      fields: [expect.objectContaining({ field: 'password' })],
    });
    expect((await h.gql.ok(ME, {}, { token: account.accessToken })).me.id).toBe(account.userId);
    expect(errorOf(await h.gql.request(DELETE, { password: account.password })).code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('should delete everything personal, keep a bare record, and free the phone', async () => {
    const account = await registerAccount(h);
    await confirmEmail(h, account);
    // Leave traces everywhere sign-in writes: another session, a login code, a refresh.
    await h.gql.ok(LOGIN, { login: account.email, password: account.password });
    await h.gql.ok(REQUEST_CODE, { login: account.phone });
    await h.sms.waitForMessage(account.phone, (t) => t.includes('входа'));
    const personal = [
      account.phone,
      account.phone.slice(2),
      account.email,
      account.lastName,
      account.firstName,
      account.middleName,
    ];
    expect(await findEverywhere(h.t.dataSource, personal)).not.toEqual([]);

    const res = await h.gql.ok(
      DELETE,
      { password: account.password },
      { token: account.accessToken },
    );
    expect(res.deleteAccount).toBe(true);

    expect(await findEverywhere(h.t.dataSource, personal)).toEqual([]);
    expect(await findEverywhere(h.t.dataSource, [account.userId])).toEqual([
      `account_deletions.user_id ∋ ${account.userId}`,
    ]);
    const [record] = await h.t.dataSource.query(
      'SELECT * FROM account_deletions WHERE user_id = ?',
      [account.userId],
    );
    expect(Object.keys(record).sort()).toEqual(['deleted_at', 'id', 'user_id']);

    expect(errorOf(await h.gql.request(ME, {}, { token: account.accessToken })).code).toBe(
      'UNAUTHENTICATED',
    );
    const login = await h.gql.request(LOGIN, { login: account.phone, password: account.password });
    expect(errorOf(login)).toMatchObject({ subCode: 'INVALID_CREDENTIALS' });

    const again = await registerAccount(h, { phone: account.phone, email: account.email });
    expect(again.userId).not.toBe(account.userId);
    expect((await h.gql.ok(ME, {}, { token: again.accessToken })).me.phone).toBe(account.phone);
  });
});
