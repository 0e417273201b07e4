import 'reflect-metadata'; // before @peculiar/x509 (tsyringe needs the Reflect polyfill)
import { createPublicKey, verify as verifyWithNode } from 'node:crypto';
import { BasicConstraintsExtension, KeyUsageFlags, KeyUsagesExtension } from '@peculiar/x509';
import {
  createTestCa,
  issueQualifiedCertificate,
  signNonce,
  trustedBundlePem,
  type TestCa,
} from './test-pki';

const spkiKey = (certificate: { publicKey: { rawData: ArrayBuffer } }) =>
  createPublicKey({
    key: Buffer.from(certificate.publicKey.rawData),
    format: 'der',
    type: 'spki',
  });

describe('test-pki', () => {
  let rsaRoot: TestCa;
  let ecRoot: TestCa;

  beforeAll(async () => {
    [rsaRoot, ecRoot] = await Promise.all([
      createTestCa({ name: 'Test RSA Root', keyAlgorithm: 'RSA' }),
      createTestCa({ name: 'Test EC Root', keyAlgorithm: 'EC' }),
    ]);
  });

  it('should create a self-signed CA certificate with CA extensions', async () => {
    const { certificate, caPem } = rsaRoot;

    expect(caPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(certificate.subject).toBe(certificate.issuer);
    expect(await certificate.verify({ signatureOnly: true })).toBe(true);
    expect(certificate.getExtension(BasicConstraintsExtension)?.ca).toBe(true);
    expect(certificate.getExtension(KeyUsagesExtension)?.usages).toBe(
      KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign,
    );
  });

  it('should sign an intermediate CA with its issuer key when issuer is given', async () => {
    const intermediate = await createTestCa({
      name: 'Test Intermediate',
      keyAlgorithm: 'EC',
      issuer: rsaRoot,
    });

    expect(intermediate.certificate.issuer).toBe(rsaRoot.certificate.subject);
    expect(
      await intermediate.certificate.verify({
        publicKey: rsaRoot.certificate.publicKey,
        signatureOnly: true,
      }),
    ).toBe(true);
  });

  it('should make an end-entity certificate when isCa is false', async () => {
    const notCa = await createTestCa({ name: 'Not a CA', keyAlgorithm: 'EC', isCa: false });

    expect(notCa.certificate.getExtension(BasicConstraintsExtension)?.ca).toBe(false);
  });

  it('should issue a certificate whose sign() output verifies as RSA PKCS#1 v1.5 SHA-256', async () => {
    const issued = await issueQualifiedCertificate(rsaRoot, {
      snils: '11223344595',
      keyAlgorithm: 'RSA',
    });

    const signature = Buffer.from(await issued.sign('nonce-1'), 'base64');

    expect(
      verifyWithNode('sha256', Buffer.from('nonce-1'), spkiKey(issued.certificate), signature),
    ).toBe(true);
  });

  it('should produce a DER-encoded ECDSA signature when the key is EC', async () => {
    const issued = await issueQualifiedCertificate(ecRoot, {
      snils: '11223344595',
      keyAlgorithm: 'EC',
    });

    const signature = Buffer.from(signNonce(issued.privateKey, 'ключ'), 'base64');

    expect(signature[0]).toBe(0x30);
    expect(
      verifyWithNode(
        'sha256',
        Buffer.from('ключ', 'utf8'),
        { key: spkiKey(issued.certificate), dsaEncoding: 'der' },
        signature,
      ),
    ).toBe(true);
  });

  it('should write identifiers as NumericString by default and UTF8String on request', async () => {
    const numeric = await issueQualifiedCertificate(ecRoot, {
      snils: '11223344595',
      keyAlgorithm: 'EC',
    });
    const utf8 = await issueQualifiedCertificate(ecRoot, {
      snils: '11223344595',
      keyAlgorithm: 'EC',
      identifierEncoding: 'utf8',
    });

    // @peculiar/x509 shows values outside its DirectoryString choice as "#<hex DER>".
    expect(numeric.certificate.subjectName.getField('1.2.643.100.3')).toEqual([
      '120b3131323233333434353935',
    ]);
    expect(utf8.certificate.subjectName.getField('1.2.643.100.3')).toEqual(['11223344595']);
  });

  it('should reject a value that cannot be a NumericString', async () => {
    await expect(
      issueQualifiedCertificate(ecRoot, { snils: '112-233', keyAlgorithm: 'EC' }),
    ).rejects.toThrow('NumericString');
  });

  it('should join CA certificates into one PEM bundle', () => {
    const bundle = trustedBundlePem(rsaRoot, ecRoot);

    expect(bundle.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
  });
});
