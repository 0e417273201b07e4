import { QueryFailedError } from 'typeorm';
import { ER_DUP_ENTRY, isDuplicateKey } from './duplicate-key';

function driverError(errno: number, sqlMessage: string): Error {
  return Object.assign(new Error(sqlMessage), { errno, sqlMessage, code: 'ER_DUP_ENTRY' });
}

describe('isDuplicateKey', () => {
  const duplicate = driverError(ER_DUP_ENTRY, "Duplicate entry 'a@b.ru' for key 'UQ_users_email'");

  it('should recognise a duplicate key wrapped by TypeORM', () => {
    const error = new QueryFailedError('INSERT INTO users ...', [], duplicate);

    expect(isDuplicateKey(error)).toBe(true);
  });

  it('should recognise a duplicate key thrown by the driver itself', () => {
    expect(isDuplicateKey(duplicate)).toBe(true);
  });

  it('should tell which unique key refused the statement', () => {
    const error = new QueryFailedError('INSERT INTO users ...', [], duplicate);

    expect(isDuplicateKey(error, 'UQ_users_email')).toBe(true);
    expect(isDuplicateKey(error, 'UQ_users_phone')).toBe(false);
  });

  it('should not take other database errors for a duplicate', () => {
    const deadlock = driverError(1213, 'Deadlock found when trying to get lock');

    expect(isDuplicateKey(new QueryFailedError('UPDATE ...', [], deadlock))).toBe(false);
    expect(isDuplicateKey(deadlock)).toBe(false);
  });

  it('should not take what is not an error object for a duplicate', () => {
    expect(isDuplicateKey(undefined)).toBe(false);
    expect(isDuplicateKey(null)).toBe(false);
    expect(isDuplicateKey('Duplicate entry')).toBe(false);
    expect(isDuplicateKey(new Error('Duplicate entry'))).toBe(false);
  });
});
