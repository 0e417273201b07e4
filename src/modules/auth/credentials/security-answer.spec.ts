import { normalizeSecurityAnswer } from './security-answer';

describe('normalizeSecurityAnswer', () => {
  it('should ignore case, spaces anywhere and ё/е', () => {
    const forms = ['Мурка', ' мурка ', 'МУР КА', 'мур\u00a0ка', 'Мурка\t'];
    expect(new Set(forms.map(normalizeSecurityAnswer))).toEqual(new Set(['мурка']));
    expect(normalizeSecurityAnswer('Ёлка')).toBe(normalizeSecurityAnswer('елка'));
  });

  it('should keep different answers different', () => {
    expect(normalizeSecurityAnswer('Мурка')).not.toBe(normalizeSecurityAnswer('Мурзик'));
  });
});
