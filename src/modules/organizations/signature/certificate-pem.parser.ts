import 'reflect-metadata'; // @peculiar/x509 uses tsyringe, which needs the Reflect polyfill loaded first
import { PemConverter, X509Certificate } from '@peculiar/x509';
import { DerTag, readDerRoot } from './asn1-der.parser';

export class CertificatePemError extends Error {
  override readonly name = 'CertificatePemError';
}

/**
 * Parses every CERTIFICATE block of a PEM text, in order. Rejects text with no certificate or
 * with blocks of another type (a private key pasted by mistake must not be silently ignored).
 */
export function parseCertificatePem(pem: string, maxCertificates: number): X509Certificate[] {
  let blocks: ReturnType<typeof PemConverter.decodeWithHeaders>;
  try {
    blocks = PemConverter.decodeWithHeaders(pem);
  } catch {
    throw new CertificatePemError('not a PEM text');
  }
  if (blocks.length === 0) {
    throw new CertificatePemError('no PEM CERTIFICATE block');
  }
  if (blocks.length > maxCertificates) {
    throw new CertificatePemError(`more than ${maxCertificates} PEM blocks`);
  }
  return blocks.map((block, index) => {
    if (block.type !== 'CERTIFICATE') {
      throw new CertificatePemError(`PEM block ${index + 1} is ${block.type}, not CERTIFICATE`);
    }
    try {
      // The ASN.1 decoder tolerates trailing bytes; a certificate must be exactly one structure.
      readDerRoot(new Uint8Array(block.rawData), DerTag.Sequence);
      return new X509Certificate(block.rawData);
    } catch {
      throw new CertificatePemError(`PEM block ${index + 1} is not a valid X.509 certificate`);
    }
  });
}
