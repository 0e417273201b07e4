import { KeyObject, sign as signWithNode } from 'node:crypto';
import {
  createTestCa,
  issueQualifiedCertificate,
  type TestQualifiedCertificate,
} from '../../../../test/support/pki/test-pki';
import { ecdsaDerToP1363, WebCryptoSignatureVerifier } from './webcrypto-signature.verifier';

const hex = (value: string) => Buffer.from(value.replace(/\s/g, ''), 'hex');
const NONCE = Buffer.from('challenge-Ж-42', 'utf8');

describe(WebCryptoSignatureVerifier.name, () => {
  const verifier = new WebCryptoSignatureVerifier();
  let rsa: TestQualifiedCertificate;
  let ec: TestQualifiedCertificate;

  beforeAll(async () => {
    const ca = await createTestCa({ name: 'Verifier CA', keyAlgorithm: 'EC' });
    [rsa, ec] = await Promise.all([
      issueQualifiedCertificate(ca, { keyAlgorithm: 'RSA' }),
      issueQualifiedCertificate(ca, { keyAlgorithm: 'EC' }),
    ]);
  });

  const signature = async (certificate: TestQualifiedCertificate, data = NONCE) =>
    Buffer.from(await certificate.sign(data.toString('utf8')), 'base64');

  describe('supports', () => {
    it.each([
      [{ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048 }, true],
      [{ name: 'RSASSA-PKCS1-v1_5', modulusLength: 4096 }, true],
      [{ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024 }, false],
      [{ name: 'ECDSA', namedCurve: 'P-256' }, true],
      [{ name: 'ECDSA', namedCurve: 'P-384' }, false],
      [{ name: 'RSA-PSS', modulusLength: 2048 }, false],
      [{ name: '1.2.643.7.1.1.1.1' }, false],
    ])('should answer for %j: %s', (algorithm, expected) => {
      expect(verifier.supports(algorithm)).toBe(expected);
    });
  });

  describe('verify', () => {
    it('should accept an RSA PKCS#1 v1.5 SHA-256 signature over the data', async () => {
      expect(await verifier.verify(rsa.certificate, NONCE, await signature(rsa))).toBe(true);
    });

    it('should accept a DER-encoded ECDSA P-256 SHA-256 signature over the data', async () => {
      expect(await verifier.verify(ec.certificate, NONCE, await signature(ec))).toBe(true);
    });

    it('should refuse a signature over other data', async () => {
      const other = await signature(rsa, Buffer.from('another nonce'));

      expect(await verifier.verify(rsa.certificate, NONCE, other)).toBe(false);
    });

    it('should refuse a signature made with another key', async () => {
      expect(await verifier.verify(ec.certificate, NONCE, await signature(rsa))).toBe(false);
      expect(await verifier.verify(rsa.certificate, NONCE, await signature(ec))).toBe(false);
    });

    it('should refuse an ECDSA signature in IEEE P1363 (r || s) form', async () => {
      const p1363 = signWithNode('sha256', NONCE, {
        key: KeyObject.from(ec.privateKey),
        dsaEncoding: 'ieee-p1363',
      });

      expect(await verifier.verify(ec.certificate, NONCE, p1363)).toBe(false);
    });

    it('should refuse a truncated signature', async () => {
      const truncated = (await signature(rsa)).subarray(1);

      expect(await verifier.verify(rsa.certificate, NONCE, truncated)).toBe(false);
    });
  });
});

describe(ecdsaDerToP1363.name, () => {
  it('should strip the sign byte and left-pad each integer', () => {
    const der = hex(`3027 0221 00${'ff'.repeat(32)} 0202 0102`);

    const raw = ecdsaDerToP1363(der, 32);

    expect(Buffer.from(raw!).toString('hex')).toBe(`${'ff'.repeat(32)}${'00'.repeat(30)}0102`);
  });

  it.each([
    ['a negative integer', '3006 020180 020101'],
    ['a non-minimal integer', '3007 02020001 020101'],
    ['a zero-length integer', '3005 0200 020101'],
    ['an integer longer than the curve', `3027 0221 01${'00'.repeat(32)} 020101`],
    ['a third element', '3009 020101 020101 020101'],
    ['trailing bytes', '3006 020101 020101 00'],
    ['a non-INTEGER element', '3006 040101 020101'],
    ['not a SEQUENCE', '3106 020101 020101'],
  ])('should return null for %s', (_case, value) => {
    expect(ecdsaDerToP1363(hex(value), 32)).toBeNull();
  });
});
