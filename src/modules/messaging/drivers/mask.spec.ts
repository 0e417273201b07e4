import { maskDestination } from './mask';

describe('maskDestination', () => {
  it('should hide the middle of a phone and the local part of an e-mail', () => {
    expect(maskDestination('+79161234567')).toBe('+7916***67');
    expect(maskDestination('ivan.petrov@mail.ru')).toBe('iv***@mail.ru');
    expect(maskDestination('123')).toBe('***');
  });
});
