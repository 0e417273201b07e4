// Copies of notifications go to the phone and a confirmed e-mail only: an address typed at
// registration and never proven may be someone else's.
import { IdentityDirectory } from '../../../src/modules/identity';
import { insertUser } from '../../support/db-fixtures';
import { createTestApp, TestApp } from '../../support/test-app';

describe('identity: contacts for copies', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('should give a confirmed e-mail and withhold an unconfirmed one', async () => {
    const confirmed = await insertUser(t.dataSource);
    const unconfirmed = await insertUser(t.dataSource);
    const none = await insertUser(t.dataSource);
    await t.dataSource.query(
      'UPDATE users SET email = ?, email_confirmed_at = NOW(3) WHERE id = ?',
      [`c.${confirmed.id.slice(0, 8)}@example.ru`, confirmed.id],
    );
    await t.dataSource.query('UPDATE users SET email = ?, email_confirmed_at = NULL WHERE id = ?', [
      `u.${unconfirmed.id.slice(0, 8)}@example.ru`,
      unconfirmed.id,
    ]);

    const contacts = await t.app
      .get(IdentityDirectory, { strict: false })
      .contacts(t.dataSource.manager, [confirmed.id, unconfirmed.id, none.id, 'no-such-account']);

    expect(Object.fromEntries(contacts)).toEqual({
      [confirmed.id]: { phone: confirmed.phone, email: `c.${confirmed.id.slice(0, 8)}@example.ru` },
      [unconfirmed.id]: { phone: unconfirmed.phone, email: null },
      [none.id]: { phone: none.phone, email: null },
    });
  });
});
