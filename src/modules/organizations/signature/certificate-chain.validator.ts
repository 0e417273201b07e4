import 'reflect-metadata'; // @peculiar/x509 uses tsyringe, which needs the Reflect polyfill loaded first
import { webcrypto } from 'node:crypto';
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectKeyIdentifierExtension,
  type X509Certificate,
} from '@peculiar/x509';
import { SignatureFailureReason } from './signature-failure-reason.enum';
import { certificateFingerprint, type TrustedCaBundle } from './trusted-ca-bundle';

// Russian qualified certificates sit two or three levels below the root (root → accredited CA
// → leaf); five CAs above the leaf leaves room without letting a crafted chain run long.
const DEFAULT_MAX_ISSUERS = 5;
// Caps the work one request can cause when many CAs share a name (e.g. a renewed CA).
const MAX_SIGNATURE_CHECKS = 32;

// RFC 5280 §6.1.4 (o): a certificate with a critical extension the verifier does not process
// must be rejected. These are the ones this validator either checks or may safely ignore for
// authentication (SAN, policies, EKU are informational here).
const KNOWN_CRITICAL_EXTENSIONS = new Set([
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.15', // keyUsage
  '2.5.29.17', // subjectAltName
  '2.5.29.19', // basicConstraints
  '2.5.29.32', // certificatePolicies
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.37', // extKeyUsage
]);

export interface CertificateChainValidationInput {
  leaf: X509Certificate;
  /** Extra CA certificates sent by the client; untrusted, used only to build the path. */
  intermediates?: readonly X509Certificate[];
  trustedCas: TrustedCaBundle;
  now: Date;
}

export type ChainFailureReason =
  SignatureFailureReason.CERTIFICATE_UNTRUSTED | SignatureFailureReason.CERTIFICATE_EXPIRED;

export type CertificateChainValidation =
  | { ok: true; /** Leaf first, trust anchor last. */ path: X509Certificate[] }
  | { ok: false; reason: ChainFailureReason; message: string };

interface SearchContext {
  input: CertificateChainValidationInput;
  signatureChecks: number;
  untrusted: string[];
  expired: string[];
}

// Builds a path from the leaf up to any certificate of the trusted bundle and validates it:
// every signature, every issuer a CA allowed to sign certificates (basicConstraints cA,
// keyUsage keyCertSign, pathLenConstraint) and every certificate valid at `now`. Revocation
// (CRL/OCSP) is not checked here.
export class CertificateChainValidator {
  private readonly maxIssuers: number;

  constructor(options: { maxIssuers?: number } = {}) {
    this.maxIssuers = options.maxIssuers ?? DEFAULT_MAX_ISSUERS;
  }

  async validate(input: CertificateChainValidationInput): Promise<CertificateChainValidation> {
    const context: SearchContext = {
      input,
      signatureChecks: 0,
      untrusted: [],
      expired: [],
    };
    let path: X509Certificate[] | null;
    try {
      const leafProblem = criticalExtensionProblem(input.leaf);
      if (leafProblem) {
        return untrusted(leafProblem);
      }
      path = await this.search([input.leaf], context);
    } catch {
      return untrusted('a certificate on the path has malformed extensions');
    }
    if (path) {
      return { ok: true, path };
    }
    // A complete path that is only out of date says more than "untrusted"; an expired path is
    // recorded only after the whole path checked out structurally.
    if (context.expired.length > 0) {
      return {
        ok: false,
        reason: SignatureFailureReason.CERTIFICATE_EXPIRED,
        message: context.expired[0],
      };
    }
    return untrusted(
      context.untrusted[0] ??
        `no trusted CA issued the certificate (issuer "${input.leaf.issuer}")`,
    );
  }

  // Depth-first with backtracking: a CA renewed under the same name leaves several candidates,
  // and only one of them may give a valid path.
  private async search(
    path: X509Certificate[],
    context: SearchContext,
  ): Promise<X509Certificate[] | null> {
    const current = path[path.length - 1];
    if (path.length > 1 && context.input.trustedCas.contains(current)) {
      const expired = path
        .map((certificate) => validityProblem(certificate, context.input.now))
        .find((problem) => problem !== null);
      if (expired) {
        context.expired.push(expired);
        return null;
      }
      return path;
    }
    if (path.length > this.maxIssuers) {
      context.untrusted.push(`the certificate path is longer than ${this.maxIssuers} CAs`);
      return null;
    }
    // Trusted certificates first: they end the path soonest.
    const candidates = [
      ...context.input.trustedCas.findBySubject(current.issuer),
      ...(context.input.intermediates ?? []).filter((cert) => cert.subject === current.issuer),
    ];
    for (const candidate of candidates) {
      if (!keyIdentifiersMatch(current, candidate)) {
        continue;
      }
      const fingerprint = certificateFingerprint(candidate);
      if (path.some((certificate) => certificateFingerprint(certificate) === fingerprint)) {
        continue;
      }
      if (context.signatureChecks++ >= MAX_SIGNATURE_CHECKS) {
        context.untrusted.push('too many candidate issuers');
        return null;
      }
      if (!(await isSignedBy(current, candidate))) {
        context.untrusted.push(
          `the signature of "${current.subject}" does not verify with the key of "${candidate.subject}"`,
        );
        continue;
      }
      const problem = issuerProblem(candidate, path);
      if (problem) {
        context.untrusted.push(problem);
        continue;
      }
      const found = await this.search([...path, candidate], context);
      if (found) {
        return found;
      }
    }
    return null;
  }
}

function untrusted(message: string): CertificateChainValidation {
  return { ok: false, reason: SignatureFailureReason.CERTIFICATE_UNTRUSTED, message };
}

async function isSignedBy(subject: X509Certificate, issuer: X509Certificate): Promise<boolean> {
  // SHA-1 certificate signatures are forgeable by chosen-prefix collisions.
  const hash = (subject.signatureAlgorithm.hash as { name?: string } | undefined)?.name;
  if (hash?.toUpperCase() === 'SHA-1') {
    return false;
  }
  try {
    return await subject.verify({ publicKey: issuer.publicKey, signatureOnly: true }, webcrypto);
  } catch {
    // Unknown algorithm (e.g. GOST without a provider) or a key/signature type mismatch.
    return false;
  }
}

// A cheap pre-filter only; the signature check decides.
function keyIdentifiersMatch(subject: X509Certificate, issuer: X509Certificate): boolean {
  const authorityKeyId = subject.getExtension(AuthorityKeyIdentifierExtension)?.keyId;
  const subjectKeyId = issuer.getExtension(SubjectKeyIdentifierExtension)?.keyId;
  return !authorityKeyId || !subjectKeyId || authorityKeyId === subjectKeyId;
}

function issuerProblem(issuer: X509Certificate, pathBelow: X509Certificate[]): string | null {
  const name = `"${issuer.subject}"`;
  const critical = criticalExtensionProblem(issuer);
  if (critical) {
    return critical;
  }
  const constraints = issuer.getExtension(BasicConstraintsExtension);
  if (!constraints?.ca) {
    return `${name} is not a CA (basicConstraints cA is not set)`;
  }
  const keyUsage = issuer.getExtension(KeyUsagesExtension);
  if (keyUsage && !(keyUsage.usages & KeyUsageFlags.keyCertSign)) {
    return `${name} may not sign certificates (keyUsage lacks keyCertSign)`;
  }
  // RFC 5280 §4.2.1.9: pathLenConstraint counts the non-self-issued intermediates below the CA.
  const intermediatesBelow = pathBelow.slice(1).filter((cert) => cert.subject !== cert.issuer);
  if (constraints.pathLength !== undefined && intermediatesBelow.length > constraints.pathLength) {
    return `${name} allows at most ${constraints.pathLength} intermediate CAs below it`;
  }
  return null;
}

function criticalExtensionProblem(certificate: X509Certificate): string | null {
  const unknown = certificate.extensions.find(
    (extension) => extension.critical && !KNOWN_CRITICAL_EXTENSIONS.has(extension.type),
  );
  return unknown
    ? `"${certificate.subject}" has an unsupported critical extension ${unknown.type}`
    : null;
}

function validityProblem(certificate: X509Certificate, now: Date): string | null {
  if (now < certificate.notBefore) {
    return `"${certificate.subject}" is not valid before ${certificate.notBefore.toISOString()}`;
  }
  if (now > certificate.notAfter) {
    return `"${certificate.subject}" expired at ${certificate.notAfter.toISOString()}`;
  }
  return null;
}
