import { randomBytes } from 'node:crypto';
import { CODE_LENGTH, codeMatches, generateCode, hashCode } from './one-time-code';

describe('one-time codes', () => {
  const key = randomBytes(32);

  it('should generate six digits, leading zeros included', () => {
    const codes = Array.from({ length: 2000 }, generateCode);
    expect(codes.every((c) => new RegExp(`^\\d{${CODE_LENGTH}}$`).test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1900);
    expect(codes.some((c) => c.startsWith('0'))).toBe(true);
  });

  it('should store a hash, not the code', () => {
    const hash = hashCode(key, 'LOGIN:user-1', '123456');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('123456');
  });

  it('should match the right code only', () => {
    const hash = hashCode(key, 'LOGIN:user-1', '012345');
    expect(codeMatches(key, 'LOGIN:user-1', '012345', hash)).toBe(true);
    expect(codeMatches(key, 'LOGIN:user-1', '012346', hash)).toBe(false);
    expect(codeMatches(key, 'LOGIN:user-1', '12345', hash)).toBe(false);
  });

  it('should bind a hash to its context and key', () => {
    const hash = hashCode(key, 'LOGIN:user-1', '123456');
    expect(codeMatches(key, 'RESET:user-1', '123456', hash)).toBe(false);
    expect(codeMatches(key, 'LOGIN:user-2', '123456', hash)).toBe(false);
    expect(codeMatches(randomBytes(32), 'LOGIN:user-1', '123456', hash)).toBe(false);
  });

  it('should refuse a damaged stored hash without throwing', () => {
    expect(codeMatches(key, 'LOGIN:user-1', '123456', 'abc')).toBe(false);
  });
});
