import { createHash } from 'node:crypto';
import type { X509Certificate } from '@peculiar/x509';
import { parseCertificatePem } from './certificate-pem.parser';

// The Russian list of accredited CAs holds a few hundred certificates; the cap only guards
// against a wrong file being configured.
const MAX_BUNDLE_CERTIFICATES = 5000;

export function certificateFingerprint(certificate: X509Certificate): string {
  return createHash('sha256').update(Buffer.from(certificate.rawData)).digest('hex');
}

// The certificates of TRUSTED_CA_FILE. Every certificate in it is a trust anchor, roots and
// intermediates alike: putting a CA into the file is the operator's decision to trust it, and
// it lets the file list individual accredited CAs without their root.
export class TrustedCaBundle {
  private readonly fingerprints: ReadonlySet<string>;
  private readonly bySubject = new Map<string, X509Certificate[]>();

  private constructor(readonly certificates: readonly X509Certificate[]) {
    this.fingerprints = new Set(certificates.map(certificateFingerprint));
    for (const certificate of certificates) {
      this.bySubject.set(certificate.subject, [
        ...(this.bySubject.get(certificate.subject) ?? []),
        certificate,
      ]);
    }
  }

  // Throws on an unreadable bundle: that is a configuration fault, not the signer's.
  static parse(pem: string): TrustedCaBundle {
    try {
      return new TrustedCaBundle(parseCertificatePem(pem, MAX_BUNDLE_CERTIFICATES));
    } catch (error) {
      throw new Error(
        `The trusted CA bundle is invalid: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }

  /** Certificates whose subject is the given (string-form) distinguished name. */
  findBySubject(subject: string): readonly X509Certificate[] {
    return this.bySubject.get(subject) ?? [];
  }

  contains(certificate: X509Certificate): boolean {
    return this.fingerprints.has(certificateFingerprint(certificate));
  }
}
