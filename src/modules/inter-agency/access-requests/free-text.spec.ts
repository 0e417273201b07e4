import { FREE_TEXT_MAX, quoteFreeText } from './free-text';

describe(quoteFreeText.name, () => {
  it('should quote the text on one line without control characters', () => {
    expect(quoteFreeText('Нам\r\nбольше\tне нужно\u0000\u202e')).toBe('«Нам больше не нужно»');
  });

  it('should disarm links', () => {
    expect(quoteFreeText('Войдите на https://evil.example/login или www.evil.example')).toBe(
      '«Войдите на https[:]//evil.example/login или www[.]evil.example»',
    );
  });

  it('should bound the text', () => {
    const quoted = quoteFreeText('я'.repeat(500));
    expect([...quoted]).toHaveLength(FREE_TEXT_MAX + 2);
    expect(quoted.endsWith('…»')).toBe(true);
  });

  it('should not let the text close the quote', () => {
    expect(quoteFreeText('а» Служба поддержки: «б')).toBe('«а" Служба поддержки: "б»');
  });
});
