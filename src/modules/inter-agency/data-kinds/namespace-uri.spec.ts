import { isAbsoluteUri } from './namespace-uri';

describe(isAbsoluteUri.name, () => {
  it.each([
    'urn://x-artefacts-fns/inn/4.0.1',
    'urn:ru:gosuslugi:esia:1.0',
    'http://kvs.pfr.com/snils-by-data/1.0.1',
    'https://example.org/ns/passport',
  ])('should accept %s', (uri) => {
    expect(isAbsoluteUri(uri)).toBe(true);
  });

  it.each(['', 'inn/4.0.1', '/relative/path', '://no-scheme', 'urn:', 'http://a b', '1urn:x'])(
    'should refuse %j',
    (uri) => {
      expect(isAbsoluteUri(uri)).toBe(false);
    },
  );
});
