import 'reflect-metadata'; // @peculiar/x509 uses tsyringe, which needs the Reflect polyfill loaded first
import { Inject, Injectable, Optional } from '@nestjs/common';
import { KeyUsageFlags, KeyUsagesExtension, type X509Certificate } from '@peculiar/x509';
import { CertificateChainValidator } from './certificate-chain.validator';
import { CertificateRevocationChecker } from './certificate-revocation.checker';
import { parseCertificatePem } from './certificate-pem.parser';
import { extractCertificateSubject, type CertificateSubject } from './certificate-subject';
import { SignatureFailureReason } from './signature-failure-reason.enum';
import {
  SIGNATURE_ALGORITHM_VERIFIERS,
  type PublicKeyAlgorithm,
  type SignatureAlgorithmVerifier,
} from './signature-verifier.port';
import { certificateFingerprint, TrustedCaBundle } from './trusted-ca-bundle';
import { WebCryptoSignatureVerifier } from './webcrypto-signature.verifier';

// Input bounds: a qualified certificate is 1–3 KiB; the client may append the intermediate CAs
// of its chain after the leaf. RSA-16384, far above anything issued, fits the signature limit.
const MAX_CERTIFICATE_PEM_LENGTH = 64 * 1024;
const MAX_CLIENT_CERTIFICATES = 6;
const MAX_SIGNATURE_BASE64_LENGTH = 4096;
// Usually one bundle (TRUSTED_CA_FILE); a few entries survive a reload without growing unbounded.
const TRUSTED_BUNDLE_CACHE_SIZE = 4;

export interface QualifiedSignatureRequest {
  /** The signer's certificate in PEM, optionally followed by the intermediate CAs of its chain. */
  certificatePem: string;
  /** The raw signature over the nonce's UTF-8 bytes, base64 (ECDSA: DER-encoded). */
  signatureBase64: string;
  /** The challenge nonce the server issued. */
  nonce: string;
  /** The trusted CA bundle (contents of TRUSTED_CA_FILE). */
  trustedCaPem: string;
  now: Date;
}

export type QualifiedSignatureVerification =
  | {
      ok: true;
      subject: CertificateSubject;
      /** Lowercase hex SHA-256 of the leaf certificate's DER. */
      fingerprintSha256: string;
      /** Lowercase hex, as issued. */
      serialNumber: string;
      notAfter: Date;
    }
  | { ok: false; reason: SignatureFailureReason; message: string };

type Refusal = Extract<QualifiedSignatureVerification, { ok: false }>;

// Verifies a "login with a qualified certificate" challenge response. Checks run in the order
// parse → chain → validity → subject attributes → signature → revocation, so the reason names
// the first problem a user has to fix; revocation comes last so only a holder of the key can
// make the server fetch a CRL. Refusals are results; only a broken trust bundle or a missing
// nonce (configuration and programming faults) throw.
@Injectable()
export class QualifiedSignatureService {
  private readonly verifiers: readonly SignatureAlgorithmVerifier[];
  private readonly chainValidator = new CertificateChainValidator();
  private readonly trustedBundles = new Map<string, TrustedCaBundle>();

  constructor(
    @Optional()
    @Inject(SIGNATURE_ALGORITHM_VERIFIERS)
    verifiers: readonly SignatureAlgorithmVerifier[] | undefined,
    private readonly revocation: CertificateRevocationChecker,
  ) {
    this.verifiers = verifiers?.length ? verifiers : [new WebCryptoSignatureVerifier()];
  }

  async verify(request: QualifiedSignatureRequest): Promise<QualifiedSignatureVerification> {
    if (!request.nonce) {
      throw new Error('A challenge nonce is required');
    }
    const trustedCas = this.trustedBundle(request.trustedCaPem);

    const certificates = this.parseCertificates(request.certificatePem);
    if (!certificates) {
      return refuse(
        SignatureFailureReason.CERTIFICATE_UNTRUSTED,
        'the certificate is not a valid PEM X.509 certificate',
      );
    }
    const [leaf, ...intermediates] = certificates;

    const chain = await this.chainValidator.validate({
      leaf,
      intermediates,
      trustedCas,
      now: request.now,
    });
    if (!chain.ok) {
      return refuse(chain.reason, chain.message);
    }

    const extraction = extractCertificateSubject(leaf);
    if (!extraction.ok) {
      return refuse(SignatureFailureReason.CERTIFICATE_INVALID, extraction.message);
    }

    const signatureProblem = await this.signatureProblem(leaf, request);
    if (signatureProblem) {
      return refuse(SignatureFailureReason.SIGNATURE_INVALID, signatureProblem);
    }

    // The path holds the leaf's issuer right above it (a trust anchor ends every path).
    const revocation = await this.revocation.check(leaf, chain.path[1], request.now);
    if (revocation === 'REVOKED') {
      return refuse(SignatureFailureReason.CERTIFICATE_REVOKED, 'the issuer has revoked it');
    }
    if (revocation === 'UNAVAILABLE') {
      return refuse(
        SignatureFailureReason.CRL_UNAVAILABLE,
        'no fresh CRL signed by the issuer is available',
      );
    }

    return {
      ok: true,
      subject: extraction.subject,
      fingerprintSha256: certificateFingerprint(leaf),
      serialNumber: leaf.serialNumber,
      notAfter: leaf.notAfter,
    };
  }

  private parseCertificates(pem: string): X509Certificate[] | null {
    if (typeof pem !== 'string' || pem.length > MAX_CERTIFICATE_PEM_LENGTH) {
      return null;
    }
    try {
      return parseCertificatePem(pem, MAX_CLIENT_CERTIFICATES);
    } catch {
      return null;
    }
  }

  private async signatureProblem(
    leaf: X509Certificate,
    request: QualifiedSignatureRequest,
  ): Promise<string | null> {
    const keyUsage = leaf.getExtension(KeyUsagesExtension);
    const signingUsages = KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation;
    if (keyUsage && !(keyUsage.usages & signingUsages)) {
      return 'the certificate key may not be used for signing (keyUsage lacks digitalSignature and nonRepudiation)';
    }
    const signature = decodeBase64Strict(request.signatureBase64);
    if (!signature) {
      return 'the signature is not valid base64';
    }
    const algorithm = leaf.publicKey.algorithm as PublicKeyAlgorithm;
    const verifier = this.verifiers.find((candidate) => candidate.supports(algorithm));
    if (!verifier) {
      return `the certificate key algorithm ${algorithm.name} is not supported`;
    }
    const valid = await verifier.verify(leaf, Buffer.from(request.nonce, 'utf8'), signature);
    return valid ? null : 'the signature does not match the challenge and the certificate key';
  }

  private trustedBundle(pem: string): TrustedCaBundle {
    const cached = this.trustedBundles.get(pem);
    if (cached) {
      return cached;
    }
    const bundle = TrustedCaBundle.parse(pem);
    if (this.trustedBundles.size >= TRUSTED_BUNDLE_CACHE_SIZE) {
      // Maps iterate in insertion order: drop the oldest entry.
      this.trustedBundles.delete(this.trustedBundles.keys().next().value as string);
    }
    this.trustedBundles.set(pem, bundle);
    return bundle;
  }
}

function refuse(reason: SignatureFailureReason, message: string): Refusal {
  return { ok: false, reason, message };
}

// Buffer.from(…, 'base64') skips characters it does not understand; a signature with stray
// characters is refused instead of being verified in a silently altered form. Line breaks are
// tolerated because some signing tools wrap base64 output.
function decodeBase64Strict(value: string): Buffer | null {
  if (typeof value !== 'string' || value.length > MAX_SIGNATURE_BASE64_LENGTH) {
    return null;
  }
  const compact = value.replace(/[\r\n\t ]/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    return null;
  }
  return Buffer.from(compact, 'base64');
}
