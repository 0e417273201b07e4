import type { webcrypto } from 'node:crypto';
import type { X509Certificate } from '@peculiar/x509';

// The subject public key algorithm as @peculiar/x509 reports it: a WebCrypto algorithm
// ({ name: 'RSASSA-PKCS1-v1_5', modulusLength } or { name: 'ECDSA', namedCurve }) for the
// algorithms it knows, and { name: '<OID>', parameters } for the rest — GOST R 34.10-2012 keys
// arrive as { name: '1.2.643.7.1.1.1.1' | '1.2.643.7.1.1.1.2' }.
export type PublicKeyAlgorithm = webcrypto.KeyAlgorithm & {
  modulusLength?: number;
  namedCurve?: string;
  parameters?: ArrayBuffer | null;
};

// Verifies a signature made with a certificate's key. A port so that a GOST R 34.10-2012
// provider (the algorithm of real Russian qualified certificates) can be added beside the
// RSA/ECDSA one without touching the service.
export interface SignatureAlgorithmVerifier {
  supports(publicKeyAlgorithm: PublicKeyAlgorithm): boolean;
  /**
   * Resolves false for a signature that does not verify or is malformed; rejects only on a fault
   * of the verifier itself.
   */
  verify(certificate: X509Certificate, data: Buffer, signature: Buffer): Promise<boolean>;
}

// Nest injection token for the list of verifiers (the service falls back to WebCrypto alone).
export const SIGNATURE_ALGORITHM_VERIFIERS = Symbol('SIGNATURE_ALGORITHM_VERIFIERS');
