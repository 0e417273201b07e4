import { webcrypto } from 'node:crypto';
import type { X509Certificate } from '@peculiar/x509';
import { DerTag, derContent, readDerChildren, readDerRoot } from './asn1-der.parser';
import type { PublicKeyAlgorithm, SignatureAlgorithmVerifier } from './signature-verifier.port';

// NIST SP 800-57 and the CA/Browser baseline both put the floor for RSA at 2048 bits.
const MIN_RSA_MODULUS_BITS = 2048;
const P256_COORDINATE_BYTES = 32;

// RSA PKCS#1 v1.5 and ECDSA P-256, both with SHA-256: the algorithms API.md allows for
// loginWithSignature.
export class WebCryptoSignatureVerifier implements SignatureAlgorithmVerifier {
  supports(publicKeyAlgorithm: PublicKeyAlgorithm): boolean {
    switch (publicKeyAlgorithm.name) {
      case 'RSASSA-PKCS1-v1_5':
        return (publicKeyAlgorithm.modulusLength ?? 0) >= MIN_RSA_MODULUS_BITS;
      case 'ECDSA':
        return publicKeyAlgorithm.namedCurve === 'P-256';
      default:
        return false;
    }
  }

  async verify(certificate: X509Certificate, data: Buffer, signature: Buffer): Promise<boolean> {
    const algorithm = certificate.publicKey.algorithm as PublicKeyAlgorithm;
    if (!this.supports(algorithm)) {
      return false;
    }
    const spki = certificate.publicKey.rawData;
    try {
      if (algorithm.name === 'ECDSA') {
        // Clients send DER (what OpenSSL and node produce); WebCrypto wants r || s.
        const rawSignature = ecdsaDerToP1363(signature, P256_COORDINATE_BYTES);
        if (!rawSignature) {
          return false;
        }
        const key = await webcrypto.subtle.importKey(
          'spki',
          spki,
          { name: 'ECDSA', namedCurve: 'P-256' },
          false,
          ['verify'],
        );
        return await webcrypto.subtle.verify(
          { name: 'ECDSA', hash: 'SHA-256' },
          key,
          rawSignature,
          data,
        );
      }
      const key = await webcrypto.subtle.importKey(
        'spki',
        spki,
        { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
        false,
        ['verify'],
      );
      return await webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, data);
    } catch {
      // importKey rejects keys that are malformed (e.g. a point not on the curve): the
      // certificate's key cannot have produced a valid signature.
      return false;
    }
  }
}

// Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }. Strict: positive, minimally encoded
// integers that fit the curve, nothing trailing; anything else is not a signature we accept.
export function ecdsaDerToP1363(der: Uint8Array, coordinateBytes: number): Uint8Array | null {
  try {
    const sequence = readDerRoot(der, DerTag.Sequence);
    const integers = readDerChildren(der, sequence);
    if (integers.length !== 2) {
      return null;
    }
    const output = new Uint8Array(coordinateBytes * 2);
    for (const [index, integer] of integers.entries()) {
      if (integer.tag !== DerTag.Integer) {
        return null;
      }
      const value = unsignedInteger(derContent(der, integer));
      if (!value || value.length > coordinateBytes) {
        return null;
      }
      output.set(value, (index + 1) * coordinateBytes - value.length);
    }
    return output;
  } catch {
    return null;
  }
}

function unsignedInteger(content: Uint8Array): Uint8Array | null {
  if (content.length === 0 || content[0] & 0x80) {
    return null;
  }
  if (content[0] === 0) {
    // A leading zero is only allowed (and required) before a byte with the high bit set.
    return content.length > 1 && content[1] & 0x80 ? content.subarray(1) : null;
  }
  return content;
}
