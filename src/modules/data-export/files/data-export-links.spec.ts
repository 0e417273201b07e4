import { DataExportErrorCode } from '../data-export.exception';
import { DataExportLinks } from './data-export-links';

const EXPORT_ID = '6f1c1d53-3c38-4a2f-9d5e-2b8f4a7c0d11';
const OWNER = '0b7e4d8a-9c61-4f05-8f3a-1d2e3f4a5b6c';
const OTHER = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

function links(masterKey = 'a-master-key-of-at-least-thirty-two-characters'): DataExportLinks {
  return new DataExportLinks(
    { masterKey } as never,
    { publicUrl: 'https://kabinet.example' } as never,
    { ttlMs: 24 * 3600 * 1000, linkTtlMs: 300 * 1000 },
  );
}

function parts(url: string): { expires: string; signature: string } {
  const u = new URL(url);
  return { expires: u.searchParams.get('expires')!, signature: u.searchParams.get('signature')! };
}

function subCodeOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { subCode?: string }).subCode;
  }
  return undefined;
}

describe(DataExportLinks.name, () => {
  const now = new Date('2026-03-01T10:00:00.000Z');
  const exportEnd = new Date('2026-03-02T09:00:00.000Z');

  it('should sign a link that lives the link TTL and verifies for its owner', () => {
    const signer = links();
    const link = signer.sign(EXPORT_ID, OWNER, exportEnd, now);
    expect(link.url.startsWith(`https://kabinet.example/files/data-exports/${EXPORT_ID}?`)).toBe(
      true,
    );
    expect(link.expiresAt).toEqual(new Date('2026-03-01T10:05:00.000Z'));
    const { expires, signature } = parts(link.url);
    expect(() => signer.verify(EXPORT_ID, OWNER, expires, signature, now)).not.toThrow();
  });

  it('should never sign past the export’s own end', () => {
    const end = new Date(now.getTime() + 60_000);
    expect(links().sign(EXPORT_ID, OWNER, end, now).expiresAt).toEqual(end);
  });

  it('should refuse a link of another person, export, key or a changed time', () => {
    const signer = links();
    const { expires, signature } = parts(signer.sign(EXPORT_ID, OWNER, exportEnd, now).url);
    const invalid = DataExportErrorCode.DATA_EXPORT_LINK_INVALID;
    expect(subCodeOf(() => signer.verify(EXPORT_ID, OTHER, expires, signature, now))).toBe(invalid);
    expect(subCodeOf(() => signer.verify(OTHER, OWNER, expires, signature, now))).toBe(invalid);
    const later = String(Number(expires) + 60);
    expect(subCodeOf(() => signer.verify(EXPORT_ID, OWNER, later, signature, now))).toBe(invalid);
    const otherKey = links('another-master-key-of-at-least-thirty-two-chars');
    expect(subCodeOf(() => otherKey.verify(EXPORT_ID, OWNER, expires, signature, now))).toBe(
      invalid,
    );
    expect(subCodeOf(() => signer.verify(EXPORT_ID, OWNER, undefined, signature, now))).toBe(
      invalid,
    );
    expect(subCodeOf(() => signer.verify(EXPORT_ID, OWNER, '1e9', signature, now))).toBe(invalid);
  });

  it('should refuse a link after its time', () => {
    const signer = links();
    const link = signer.sign(EXPORT_ID, OWNER, exportEnd, now);
    const { expires, signature } = parts(link.url);
    expect(
      subCodeOf(() => signer.verify(EXPORT_ID, OWNER, expires, signature, link.expiresAt)),
    ).toBe(DataExportErrorCode.DATA_EXPORT_LINK_EXPIRED);
  });
});
