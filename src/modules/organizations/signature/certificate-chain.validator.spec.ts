import 'reflect-metadata'; // before @peculiar/x509 (tsyringe needs the Reflect polyfill)
import { Extension, KeyUsageFlags, X509Certificate } from '@peculiar/x509';
import {
  createTestCa,
  issueQualifiedCertificate,
  trustedBundlePem,
  type TestCa,
} from '../../../../test/support/pki/test-pki';
import { CertificateChainValidator } from './certificate-chain.validator';
import { SignatureFailureReason } from './signature-failure-reason.enum';
import { TrustedCaBundle } from './trusted-ca-bundle';

const DAY_MS = 24 * 60 * 60 * 1000;

describe(CertificateChainValidator.name, () => {
  const validator = new CertificateChainValidator();
  const now = new Date();
  let root: TestCa;
  let intermediate: TestCa;

  beforeAll(async () => {
    root = await createTestCa({ name: 'Chain Root', keyAlgorithm: 'RSA' });
    intermediate = await createTestCa({ name: 'Chain Sub CA', keyAlgorithm: 'EC', issuer: root });
  });

  const leafOf = async (issuer: TestCa, options: { extensions?: Extension[] } = {}) =>
    (await issueQualifiedCertificate(issuer, { keyAlgorithm: 'EC', ...options })).certificate;
  const bundle = (...cas: TestCa[]) => TrustedCaBundle.parse(trustedBundlePem(...cas));
  const subjects = (path: { subject: string }[]) => path.map((certificate) => certificate.subject);

  it('should end the path at a trusted root that issued the leaf', async () => {
    const leaf = await leafOf(root);

    const result = await validator.validate({ leaf, trustedCas: bundle(root), now });

    expect(result.ok && subjects(result.path)).toEqual([leaf.subject, root.certificate.subject]);
  });

  it('should end the path at an intermediate CA of the bundle', async () => {
    const leaf = await leafOf(intermediate);

    const result = await validator.validate({
      leaf,
      trustedCas: bundle(intermediate),
      now,
    });

    expect(result.ok && subjects(result.path)).toEqual([
      leaf.subject,
      intermediate.certificate.subject,
    ]);
  });

  it('should use an intermediate sent by the client to reach the trusted root', async () => {
    const leaf = await leafOf(intermediate);

    const result = await validator.validate({
      leaf,
      intermediates: [intermediate.certificate],
      trustedCas: bundle(root),
      now,
    });

    expect(result.ok && subjects(result.path)).toEqual([
      leaf.subject,
      intermediate.certificate.subject,
      root.certificate.subject,
    ]);
  });

  it('should refuse the leaf when its intermediate is neither in the bundle nor sent', async () => {
    const leaf = await leafOf(intermediate);

    const result = await validator.validate({ leaf, trustedCas: bundle(root), now });

    expect(result).toEqual({
      ok: false,
      reason: SignatureFailureReason.CERTIFICATE_UNTRUSTED,
      message: expect.stringContaining('no trusted CA issued the certificate'),
    });
  });

  it('should refuse a self-signed CA that copies the trusted root’s name', async () => {
    const impostor = await createTestCa({ name: 'Chain Root', keyAlgorithm: 'RSA' });
    const leaf = await leafOf(impostor);

    const result = await validator.validate({ leaf, trustedCas: bundle(root), now });

    expect(result).toEqual({
      ok: false,
      reason: SignatureFailureReason.CERTIFICATE_UNTRUSTED,
      message: expect.stringContaining('no trusted CA issued the certificate'),
    });
  });

  it('should refuse a leaf whose CA signature does not verify', async () => {
    const der = Buffer.from((await leafOf(root)).rawData);
    // The last octet belongs to the signature value.
    der[der.length - 1] ^= 0x01;

    const result = await validator.validate({
      leaf: new X509Certificate(der),
      trustedCas: bundle(root),
      now,
    });

    expect(result).toEqual({
      ok: false,
      reason: SignatureFailureReason.CERTIFICATE_UNTRUSTED,
      message: expect.stringContaining('does not verify with the key of'),
    });
  });

  it('should refuse a path through a certificate that is not a CA', async () => {
    const notCa = await createTestCa({
      name: 'End Entity',
      keyAlgorithm: 'EC',
      issuer: root,
      isCa: false,
    });
    const leaf = await leafOf(notCa);

    const viaClient = await validator.validate({
      leaf,
      intermediates: [notCa.certificate],
      trustedCas: bundle(root),
      now,
    });
    const viaBundle = await validator.validate({ leaf, trustedCas: bundle(notCa), now });

    for (const result of [viaClient, viaBundle]) {
      expect(result).toEqual({
        ok: false,
        reason: SignatureFailureReason.CERTIFICATE_UNTRUSTED,
        message: expect.stringContaining('is not a CA'),
      });
    }
  });

  it('should refuse a CA whose key usage lacks keyCertSign', async () => {
    const crlOnly = await createTestCa({
      name: 'CRL signer',
      keyAlgorithm: 'EC',
      keyUsage: KeyUsageFlags.cRLSign,
    });
    const leaf = await leafOf(crlOnly);

    const result = await validator.validate({ leaf, trustedCas: bundle(crlOnly), now });

    expect(result).toMatchObject({
      reason: SignatureFailureReason.CERTIFICATE_UNTRUSTED,
      message: expect.stringContaining('keyCertSign'),
    });
  });

  it('should accept a CA without the keyUsage extension', async () => {
    const legacy = await createTestCa({ name: 'Legacy CA', keyAlgorithm: 'EC', keyUsage: null });
    const leaf = await leafOf(legacy);

    const result = await validator.validate({ leaf, trustedCas: bundle(legacy), now });

    expect(result.ok).toBe(true);
  });

  it('should enforce the pathLenConstraint of a CA above the intermediates', async () => {
    const strictRoot = await createTestCa({
      name: 'Strict Root',
      keyAlgorithm: 'EC',
      pathLength: 0,
    });
    const sub = await createTestCa({ name: 'Strict Sub', keyAlgorithm: 'EC', issuer: strictRoot });
    const leaf = await leafOf(sub);

    const tooDeep = await validator.validate({
      leaf,
      intermediates: [sub.certificate],
      trustedCas: bundle(strictRoot),
      now,
    });
    const direct = await validator.validate({
      leaf: await leafOf(strictRoot),
      trustedCas: bundle(strictRoot),
      now,
    });

    expect(tooDeep).toMatchObject({
      reason: SignatureFailureReason.CERTIFICATE_UNTRUSTED,
      message: expect.stringContaining('at most 0 intermediate'),
    });
    expect(direct.ok).toBe(true);
  });

  it('should refuse a path longer than the configured number of CAs', async () => {
    const levels = [root];
    for (let level = 1; level <= 3; level++) {
      levels.push(
        await createTestCa({ name: `Level ${level}`, keyAlgorithm: 'EC', issuer: levels.at(-1) }),
      );
    }
    const leaf = await leafOf(levels[3]);
    const input = {
      leaf,
      intermediates: levels.slice(1).map((ca) => ca.certificate),
      trustedCas: bundle(root),
      now,
    };

    const short = await new CertificateChainValidator({ maxIssuers: 3 }).validate(input);
    const enough = await new CertificateChainValidator({ maxIssuers: 4 }).validate(input);

    expect(short).toMatchObject({
      reason: SignatureFailureReason.CERTIFICATE_UNTRUSTED,
      message: expect.stringContaining('longer than 3'),
    });
    expect(enough.ok && enough.path).toHaveLength(5);
  });

  it('should refuse a certificate with an unknown critical extension', async () => {
    const leaf = await leafOf(root, {
      extensions: [new Extension('1.2.3.4.5', true, new Uint8Array([0x05, 0x00]))],
    });

    const result = await validator.validate({ leaf, trustedCas: bundle(root), now });

    expect(result).toMatchObject({
      reason: SignatureFailureReason.CERTIFICATE_UNTRUSTED,
      message: expect.stringContaining('critical extension 1.2.3.4.5'),
    });
  });

  it('should ignore an unknown extension that is not critical', async () => {
    const leaf = await leafOf(root, {
      extensions: [new Extension('1.2.643.100.111', false, new Uint8Array([0x0c, 0x01, 0x41]))],
    });

    const result = await validator.validate({ leaf, trustedCas: bundle(root), now });

    expect(result.ok).toBe(true);
  });

  describe('validity', () => {
    it('should report an expired intermediate as CERTIFICATE_EXPIRED', async () => {
      const expiredSub = await createTestCa({
        name: 'Expired Sub',
        keyAlgorithm: 'EC',
        issuer: root,
        notBefore: new Date(now.getTime() - 400 * DAY_MS),
        notAfter: new Date(now.getTime() - DAY_MS),
      });
      const leaf = (
        await issueQualifiedCertificate(expiredSub, {
          keyAlgorithm: 'EC',
          notBefore: new Date(now.getTime() - 100 * DAY_MS),
        })
      ).certificate;

      const result = await validator.validate({
        leaf,
        intermediates: [expiredSub.certificate],
        trustedCas: bundle(root),
        now,
      });

      expect(result).toEqual({
        ok: false,
        reason: SignatureFailureReason.CERTIFICATE_EXPIRED,
        message: expect.stringMatching(/Expired Sub.*expired at/),
      });
    });

    it('should report a root that is not yet valid as CERTIFICATE_EXPIRED', async () => {
      const futureRoot = await createTestCa({
        name: 'Future Root',
        keyAlgorithm: 'EC',
        notBefore: new Date(now.getTime() + DAY_MS),
      });
      const leaf = await leafOf(futureRoot);

      const result = await validator.validate({ leaf, trustedCas: bundle(futureRoot), now });

      expect(result).toMatchObject({
        reason: SignatureFailureReason.CERTIFICATE_EXPIRED,
        message: expect.stringContaining('is not valid before'),
      });
    });

    it('should use a renewed CA certificate when an older one with the same key has expired', async () => {
      const expiredRoot = await createTestCa({
        name: 'Renewed Root',
        keyAlgorithm: 'EC',
        notBefore: new Date(now.getTime() - 800 * DAY_MS),
        notAfter: new Date(now.getTime() - DAY_MS),
      });
      const renewedRoot = await createTestCa({
        name: 'Renewed Root',
        keyAlgorithm: 'EC',
        keys: expiredRoot.keys,
      });
      const leaf = await leafOf(renewedRoot);

      const result = await validator.validate({
        leaf,
        trustedCas: bundle(expiredRoot, renewedRoot),
        now,
      });

      expect(result.ok && result.path[1].notAfter).toEqual(renewedRoot.certificate.notAfter);
    });
  });
});
