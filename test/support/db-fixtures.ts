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
  const phone = values.phone ?? randomPhone();
  const now = new Date();
  await dataSource.query(
    `INSERT INTO users (id, last_name, first_name, middle_name, phone, email, password_hash,
       security_question, security_answer_hash, birth_date, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, NULL, 'not-a-hash', 'Вопрос', 'not-a-hash', NULL, ?, ?)`,
    [
      id,
      values.lastName ?? 'Иванов',
      values.firstName ?? 'Иван',
      values.middleName ?? null,
      phone,
      now,
      now,
    ],
  );
  return { id, phone };
}
