import { randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/** A random Russian mobile number in E.164, unique enough for one test run. */
export function randomPhone(): string {
  return `+7916${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
}

/**
 * Inserts an account directly, for tests whose subject is not sign-up itself (the auth e2e
 * tests create accounts through the API). The password hash is not a real one: such an account
 * cannot sign in with a password.
 */
export async function insertUser(
  dataSource: DataSource,
  values: {
    phone?: string;
    lastName?: string;
    firstName?: string;
    middleName?: string | null;
  } = {},
): Promise<{ id: string; phone: string }> {
  const id = randomUUID();
  let phone = values.phone ?? randomPhone();
  const now = new Date();
  // Ten million numbers: a benchmark creating a thousand accounts meets a taken one about once
  // in twenty runs, so a generated number that is taken is drawn again.
  for (let attempt = 1; ; attempt++) {
    try {
      await insertUserRow(dataSource, id, phone, values, now);
      return { id, phone };
    } catch (error) {
      const errno = (error as { driverError?: { errno?: number } }).driverError?.errno;
      if (values.phone !== undefined || errno !== ER_DUP_ENTRY || attempt === 5) {
        throw error;
      }
      phone = randomPhone();
    }
  }
}

const ER_DUP_ENTRY = 1062;

async function insertUserRow(
  dataSource: DataSource,
  id: string,
  phone: string,
  values: { lastName?: string; firstName?: string; middleName?: string | null },
  now: Date,
): Promise<void> {
  await dataSource.query(
    `INSERT INTO users (id, last_name, first_name, middle_name, phone, phone_since, email,
       password_hash, security_question, security_answer_hash, birth_date, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, 'not-a-hash', 'Вопрос', 'not-a-hash', NULL, ?, ?)`,
    [
      id,
      values.lastName ?? 'Иванов',
      values.firstName ?? 'Иван',
      values.middleName ?? null,
      phone,
      now,
      now,
      now,
    ],
  );
}

/**
 * A signed-in session of the account (in the organization's context when given), in force for
 * `days`; its id is the `sid` of the access tokens issued for it.
 */
export async function insertSession(
  dataSource: DataSource,
  userId: string,
  organizationId: string | null = null,
  days = 30,
): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  await dataSource.query(
    `INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, organization_id)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [id, userId, now, now, new Date(now.getTime() + days * 86_400_000), organizationId],
  );
  return id;
}
