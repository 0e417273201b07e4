import { cleanText, compactNumberLike, quoteValue } from './text.normalizer';

describe('cleanText', () => {
  it('should remove zero-width characters, soft hyphens and the BOM', () => {
    expect(cleanText('\ufeffА\u200bБ\u200c\u200dВ\u2060Г\u00adД')).toBe('АБВГД');
  });

  it('should turn non-breaking spaces and tabs into spaces and trim', () => {
    expect(cleanText('\u00a0ООО\u00a0«Ромашка»\u202f\u2007\t')).toBe('ООО «Ромашка»');
  });

  it('should map typographic dashes to a hyphen-minus', () => {
    expect(cleanText('\u2010\u2011\u2012\u2013\u2014\u2015\u2212')).toBe('-------');
  });
});

describe('compactNumberLike', () => {
  it('should remove inner spaces, dashes and brackets', () => {
    expect(compactNumberLike(' 7701 234-\u200b560 ')).toBe('7701234560');
    expect(compactNumberLike('8 (916) [123]–45—67')).toBe('89161234567');
  });
});

describe('quoteValue', () => {
  it('should leave plain numbers bare and quote the rest', () => {
    expect(quoteValue('7707083894')).toBe('7707083894');
    expect(quoteValue('+79161234567')).toBe('+79161234567');
    expect(quoteValue('123-45')).toBe('«123-45»');
  });

  it('should shorten long values', () => {
    expect(quoteValue('x'.repeat(100))).toBe(`«${'x'.repeat(40)}…»`);
  });
});
