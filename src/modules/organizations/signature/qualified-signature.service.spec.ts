import 'reflect-metadata'; // before @peculiar/x509 (tsyringe needs the Reflect polyfill)
import { createHash } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { KeyUsageFlags } from '@peculiar/x509';
import {
  createTestCa,
  issueQualifiedCertificate,
  trustedBundlePem,
  type QualifiedCertificateOptions,
  type TestCa,
  type TestQualifiedCertificate,
} from '../../../../test/support/pki/test-pki';
import {
  QualifiedSignatureService,
  type QualifiedSignatureRequest,
} from './qualified-signature.service';
import type { CertificateRevocationChecker } from './certificate-revocation.checker';
import { CertificateRevocationChecker as RevocationCheckerToken } from './certificate-revocation.checker';
import { SignatureFailureReason } from './signature-failure-reason.enum';
import {
  SIGNATURE_ALGORITHM_VERIFIERS,
  type SignatureAlgorithmVerifier,
} from './signature-verifier.port';
import { TrustedCaBundle } from './trusted-ca-bundle';

const DAY_MS = 24 * 60 * 60 * 1000;
const NONCE = 'a3f1c9e2-login-challenge';

const LEGAL_ENTITY: Omit<QualifiedCertificateOptions, 'keyAlgorithm'> = {
  snils: '11223344595',
  ogrn: '1027700132195',
  innLe: '7707083893',
  inn: '770708389312',
  organizationName: 'ООО «Ромашка»',
  surname: 'Иванов',
  givenName: 'Иван Иванович',
  commonName: 'ООО «Ромашка»',
};
const SOLE_PROPRIETOR: Omit<QualifiedCertificateOptions, 'keyAlgorithm'> = {
  snils: '11223344595',
  ogrnip: '304500116000157',
  inn: '500100732259',
  surname: 'Петрова',
  givenName: 'Анна Сергеевна',
  commonName: 'ИП Петрова Анна Сергеевна',
};

describe(QualifiedSignatureService.name, () => {
  const now = new Date();
  let service: QualifiedSignatureService;
  let check: jest.Mock;
  let revocation: CertificateRevocationChecker;
  let root: TestCa;
  let intermediate: TestCa;
  let trustedCaPem: string;

  beforeAll(async () => {
    root = await createTestCa({ name: 'Test Root CA', keyAlgorithm: 'RSA' });
    intermediate = await createTestCa({
      name: 'Test Accredited CA',
      keyAlgorithm: 'EC',
      issuer: root,
    });
    trustedCaPem = trustedBundlePem(root);
  });

  beforeEach(() => {
    check = jest.fn().mockResolvedValue('GOOD');
    revocation = { check } as unknown as CertificateRevocationChecker;
    service = new QualifiedSignatureService(undefined, revocation);
  });

  // EC unless the case is about RSA: RSA key generation is slow.
  const issue = (
    ca: TestCa,
    options: Partial<QualifiedCertificateOptions> = {},
  ): Promise<TestQualifiedCertificate> =>
    issueQualifiedCertificate(ca, { keyAlgorithm: 'EC', ...LEGAL_ENTITY, ...options });

  const request = async (
    certificate: TestQualifiedCertificate,
    overrides: Partial<QualifiedSignatureRequest> = {},
  ): Promise<QualifiedSignatureRequest> => ({
    certificatePem: certificate.certificatePem,
    signatureBase64: await certificate.sign(NONCE),
    nonce: NONCE,
    trustedCaPem,
    now,
    ...overrides,
  });

  const refusal = (reason: SignatureFailureReason, message?: string) => ({
    ok: false,
    reason,
    message: message ? expect.stringContaining(message) : expect.any(String),
  });

  describe('when the certificate and signature are valid', () => {
    it('should return the legal entity subject and certificate identity for an RSA certificate', async () => {
      const certificate = await issue(root, { keyAlgorithm: 'RSA' });

      const result = await service.verify(await request(certificate));

      expect(result).toEqual({
        ok: true,
        subject: {
          snils: '11223344595',
          ogrn: '1027700132195',
          inn: '7707083893',
          personInn: '770708389312',
          organizationName: 'ООО «Ромашка»',
          surname: 'Иванов',
          givenName: 'Иван Иванович',
          commonName: 'ООО «Ромашка»',
          organizationType: 'LEGAL_ENTITY',
        },
        fingerprintSha256: createHash('sha256')
          .update(Buffer.from(certificate.certificate.rawData))
          .digest('hex'),
        serialNumber: certificate.certificate.serialNumber,
        notAfter: certificate.certificate.notAfter,
      });
    });

    it('should return a sole proprietor with the names for an EC certificate with OGRNIP', async () => {
      const certificate = await issueQualifiedCertificate(root, {
        keyAlgorithm: 'EC',
        ...SOLE_PROPRIETOR,
      });

      const result = await service.verify(await request(certificate));

      expect(result).toMatchObject({
        ok: true,
        subject: {
          ogrnip: '304500116000157',
          inn: '500100732259',
          surname: 'Петрова',
          givenName: 'Анна Сергеевна',
          organizationType: 'SOLE_PROPRIETOR',
        },
      });
      expect(result.ok && result.subject.ogrn).toBeUndefined();
    });

    it('should accept identifiers written as UTF8String', async () => {
      const certificate = await issue(root, { identifierEncoding: 'utf8' });

      const result = await service.verify(await request(certificate));

      expect(result).toMatchObject({ ok: true, subject: { snils: '11223344595' } });
    });

    it('should return the 10-digit INN when an old certificate carries it as 00 + INN', async () => {
      const certificate = await issue(root, { innLe: undefined, inn: '007707083893' });

      const result = await service.verify(await request(certificate));

      expect(result).toMatchObject({ ok: true, subject: { inn: '7707083893' } });
    });

    it('should accept a certificate of an intermediate CA that is in the bundle', async () => {
      const certificate = await issue(intermediate);

      const result = await service.verify(
        await request(certificate, { trustedCaPem: trustedBundlePem(root, intermediate) }),
      );

      expect(result.ok).toBe(true);
    });

    it('should accept a certificate followed by its intermediate CA when only the root is trusted', async () => {
      const certificate = await issue(intermediate);

      const result = await service.verify(
        await request(certificate, {
          certificatePem: `${certificate.certificatePem}\n${intermediate.caPem}`,
        }),
      );

      expect(result.ok).toBe(true);
    });

    it('should accept a base64 signature wrapped over several lines', async () => {
      const certificate = await issue(root);
      const signature = await certificate.sign(NONCE);

      const result = await service.verify(
        await request(certificate, { signatureBase64: signature.replace(/(.{64})/g, '$1\r\n') }),
      );

      expect(result.ok).toBe(true);
    });
  });

  describe('CERTIFICATE_UNTRUSTED', () => {
    it('should refuse a certificate of a CA that is not in the bundle', async () => {
      const otherRoot = await createTestCa({ name: 'Unknown CA', keyAlgorithm: 'EC' });
      const certificate = await issue(otherRoot);

      const result = await service.verify(await request(certificate));

      expect(result).toEqual(refusal(SignatureFailureReason.CERTIFICATE_UNTRUSTED));
    });

    it('should refuse a certificate of an intermediate CA that is neither trusted nor sent', async () => {
      const certificate = await issue(intermediate);

      const result = await service.verify(await request(certificate));

      expect(result).toEqual(refusal(SignatureFailureReason.CERTIFICATE_UNTRUSTED));
    });

    it('should refuse a certificate issued by a certificate that is not a CA', async () => {
      const notCa = await createTestCa({
        name: 'Employee',
        keyAlgorithm: 'EC',
        issuer: root,
        isCa: false,
      });
      const certificate = await issue(notCa);

      const result = await service.verify(
        await request(certificate, {
          certificatePem: `${certificate.certificatePem}\n${notCa.caPem}`,
        }),
      );

      expect(result).toEqual(refusal(SignatureFailureReason.CERTIFICATE_UNTRUSTED, 'is not a CA'));
    });

    it.each([
      ['garbage text', 'not a certificate'],
      ['an empty string', ''],
      [
        'a PEM block with broken content',
        '-----BEGIN CERTIFICATE-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END CERTIFICATE-----',
      ],
    ])('should refuse %s as the certificate', async (_case, certificatePem) => {
      const certificate = await issue(root);

      const result = await service.verify(await request(certificate, { certificatePem }));

      expect(result).toEqual(
        refusal(SignatureFailureReason.CERTIFICATE_UNTRUSTED, 'not a valid PEM X.509'),
      );
    });

    it('should refuse a PEM text that also carries a private key block', async () => {
      const certificate = await issue(root);
      const keyBlock = '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----';

      const result = await service.verify(
        await request(certificate, { certificatePem: `${certificate.certificatePem}${keyBlock}` }),
      );

      expect(result).toEqual(refusal(SignatureFailureReason.CERTIFICATE_UNTRUSTED));
    });

    it('should refuse an untrusted certificate before looking at its attributes or signature', async () => {
      const otherRoot = await createTestCa({ name: 'Unknown CA 2', keyAlgorithm: 'EC' });
      const certificate = await issue(otherRoot, { snils: undefined });

      const result = await service.verify(await request(certificate, { signatureBase64: '!!!' }));

      expect(result).toEqual(refusal(SignatureFailureReason.CERTIFICATE_UNTRUSTED));
    });
  });

  describe('CERTIFICATE_EXPIRED', () => {
    it('should refuse an expired certificate', async () => {
      const certificate = await issue(root, {
        notBefore: new Date(now.getTime() - 400 * DAY_MS),
        notAfter: new Date(now.getTime() - DAY_MS),
      });

      const result = await service.verify(await request(certificate));

      expect(result).toEqual(refusal(SignatureFailureReason.CERTIFICATE_EXPIRED, 'expired at'));
    });

    it('should refuse a certificate that is not yet valid', async () => {
      const certificate = await issue(root, { notBefore: new Date(now.getTime() + DAY_MS) });

      const result = await service.verify(await request(certificate));

      expect(result).toEqual(
        refusal(SignatureFailureReason.CERTIFICATE_EXPIRED, 'is not valid before'),
      );
    });

    it('should judge validity at the given time rather than the clock', async () => {
      const certificate = await issue(root);

      const result = await service.verify(
        await request(certificate, { now: new Date(now.getTime() + 2 * 365 * DAY_MS) }),
      );

      expect(result).toEqual(refusal(SignatureFailureReason.CERTIFICATE_EXPIRED));
    });

    it('should refuse an expired certificate before looking at its attributes', async () => {
      const certificate = await issue(root, {
        snils: undefined,
        notAfter: new Date(now.getTime() - DAY_MS),
        notBefore: new Date(now.getTime() - 10 * DAY_MS),
      });

      const result = await service.verify(await request(certificate));

      expect(result).toEqual(refusal(SignatureFailureReason.CERTIFICATE_EXPIRED));
    });
  });

  describe('CERTIFICATE_INVALID', () => {
    it('should refuse a certificate without SNILS', async () => {
      const certificate = await issue(root, { snils: undefined });

      const result = await service.verify(await request(certificate));

      expect(result).toEqual(refusal(SignatureFailureReason.CERTIFICATE_INVALID, 'SNILS'));
    });

    it('should refuse an individual’s certificate without OGRN or OGRNIP', async () => {
      const certificate = await issue(root, { ogrn: undefined, innLe: undefined });

      const result = await service.verify(await request(certificate));

      expect(result).toEqual(refusal(SignatureFailureReason.CERTIFICATE_INVALID, 'OGRN'));
    });

    it('should refuse a certificate without SNILS before checking the signature', async () => {
      const certificate = await issue(root, { snils: undefined });

      const result = await service.verify(await request(certificate, { signatureBase64: 'AAAA' }));

      expect(result).toEqual(refusal(SignatureFailureReason.CERTIFICATE_INVALID));
    });
  });

  describe('SIGNATURE_INVALID', () => {
    it('should refuse a signature made with another key', async () => {
      const certificate = await issue(root, { keyAlgorithm: 'RSA' });
      const other = await issue(root, { keyAlgorithm: 'RSA' });

      const result = await service.verify(
        await request(certificate, { signatureBase64: await other.sign(NONCE) }),
      );

      expect(result).toEqual(refusal(SignatureFailureReason.SIGNATURE_INVALID, 'does not match'));
    });

    it('should refuse a signature over another nonce', async () => {
      const certificate = await issue(root);

      const result = await service.verify(
        await request(certificate, { signatureBase64: await certificate.sign(`${NONCE}-old`) }),
      );

      expect(result).toEqual(refusal(SignatureFailureReason.SIGNATURE_INVALID));
    });

    it.each([
      ['characters outside the alphabet', 'not base64 at all!'],
      ['a wrong length', 'QUJD'.slice(0, 3)],
      ['an empty string', ''],
      ['an oversized value', 'A'.repeat(8192)],
    ])('should refuse a signature with %s', async (_case, signatureBase64) => {
      const certificate = await issue(root);

      const result = await service.verify(await request(certificate, { signatureBase64 }));

      expect(result).toEqual(refusal(SignatureFailureReason.SIGNATURE_INVALID, 'base64'));
    });

    it('should refuse a certificate whose key usage does not allow signing', async () => {
      const certificate = await issue(root, { keyUsage: KeyUsageFlags.keyEncipherment });

      const result = await service.verify(await request(certificate));

      expect(result).toEqual(refusal(SignatureFailureReason.SIGNATURE_INVALID, 'keyUsage'));
    });

    it('should accept nonRepudiation alone and a certificate without key usage', async () => {
      const nonRepudiation = await issue(root, { keyUsage: KeyUsageFlags.nonRepudiation });
      const noKeyUsage = await issue(root, { keyUsage: null });

      expect((await service.verify(await request(nonRepudiation))).ok).toBe(true);
      expect((await service.verify(await request(noKeyUsage))).ok).toBe(true);
    });

    it('should refuse a key algorithm no verifier supports', async () => {
      const rsaOnly: SignatureAlgorithmVerifier = {
        supports: (algorithm) => algorithm.name === 'RSASSA-PKCS1-v1_5',
        verify: () => Promise.resolve(true),
      };
      const certificate = await issue(root);

      const result = await new QualifiedSignatureService([rsaOnly], revocation).verify(
        await request(certificate),
      );

      expect(result).toEqual(
        refusal(SignatureFailureReason.SIGNATURE_INVALID, 'ECDSA is not supported'),
      );
    });
  });

  describe('revocation', () => {
    it('should ask about the leaf and its issuer on the path, and accept a GOOD answer', async () => {
      const certificate = await issue(intermediate);

      const result = await service.verify(
        await request(certificate, {
          certificatePem: certificate.certificatePem + intermediate.caPem,
        }),
      );

      expect(result.ok).toBe(true);
      expect(check).toHaveBeenCalledTimes(1);
      const [leaf, issuer] = check.mock.calls[0] as [{ serialNumber: string }, { subject: string }];
      expect(leaf.serialNumber).toBe(certificate.certificate.serialNumber);
      expect(issuer.subject).toBe(intermediate.certificate.subject);
    });

    it('should refuse CERTIFICATE_REVOKED when the issuer revoked the certificate', async () => {
      check.mockResolvedValue('REVOKED');
      const result = await service.verify(await request(await issue(root)));
      expect(result).toEqual(refusal(SignatureFailureReason.CERTIFICATE_REVOKED));
    });

    it('should refuse CRL_UNAVAILABLE when no fresh CRL could be had (fail closed)', async () => {
      check.mockResolvedValue('UNAVAILABLE');
      const result = await service.verify(await request(await issue(root)));
      expect(result).toEqual(refusal(SignatureFailureReason.CRL_UNAVAILABLE));
    });

    it('should not fetch a CRL for a signature that does not verify', async () => {
      const certificate = await issue(root);
      const other = await issue(root);
      const result = await service.verify(
        await request(certificate, { signatureBase64: await other.sign(NONCE) }),
      );
      expect(result).toEqual(refusal(SignatureFailureReason.SIGNATURE_INVALID));
      expect(check).not.toHaveBeenCalled();
    });
  });

  describe('verifier port', () => {
    it('should hand the nonce bytes and decoded signature to the verifier that supports the key', async () => {
      const verify = jest.fn<Promise<boolean>, Parameters<SignatureAlgorithmVerifier['verify']>>(
        () => Promise.resolve(true),
      );
      const certificate = await issue(root);
      const input = await request(certificate, { signatureBase64: 'AQID' });

      const result = await new QualifiedSignatureService(
        [
          { supports: () => false, verify: () => Promise.reject(new Error('not called')) },
          { supports: () => true, verify },
        ],
        revocation,
      ).verify(input);

      expect(result.ok).toBe(true);
      expect(verify).toHaveBeenCalledWith(
        expect.objectContaining({ serialNumber: certificate.certificate.serialNumber }),
        Buffer.from(NONCE, 'utf8'),
        Buffer.from([1, 2, 3]),
      );
    });
  });

  describe('Nest DI', () => {
    it('should resolve without the verifier token', async () => {
      const module = await Test.createTestingModule({
        providers: [
          QualifiedSignatureService,
          { provide: RevocationCheckerToken, useValue: revocation },
        ],
      }).compile();
      const certificate = await issue(root);

      const result = await module.get(QualifiedSignatureService).verify(await request(certificate));

      expect(result.ok).toBe(true);
    });

    it('should use the verifiers provided under SIGNATURE_ALGORITHM_VERIFIERS', async () => {
      const refuseAll: SignatureAlgorithmVerifier = {
        supports: () => true,
        verify: () => Promise.resolve(false),
      };
      const module = await Test.createTestingModule({
        providers: [
          QualifiedSignatureService,
          { provide: RevocationCheckerToken, useValue: revocation },
          { provide: SIGNATURE_ALGORITHM_VERIFIERS, useValue: [refuseAll] },
        ],
      }).compile();
      const certificate = await issue(root);

      const result = await module.get(QualifiedSignatureService).verify(await request(certificate));

      expect(result).toEqual(refusal(SignatureFailureReason.SIGNATURE_INVALID));
    });
  });

  describe('trusted CA bundle', () => {
    it('should parse the same bundle only once', async () => {
      const parse = jest.spyOn(TrustedCaBundle, 'parse');
      const certificate = await issue(root);

      await service.verify(await request(certificate));
      await service.verify(await request(certificate));

      expect(parse).toHaveBeenCalledTimes(1);
      parse.mockRestore();
    });

    it('should throw rather than refuse the user when the bundle is broken', async () => {
      const certificate = await issue(root);

      await expect(
        service.verify(await request(certificate, { trustedCaPem: 'not a bundle' })),
      ).rejects.toThrow('The trusted CA bundle is invalid');
    });

    it('should throw when no nonce is given', async () => {
      const certificate = await issue(root);

      await expect(service.verify(await request(certificate, { nonce: '' }))).rejects.toThrow(
        'nonce',
      );
    });
  });
});
