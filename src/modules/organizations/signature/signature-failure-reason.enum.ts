// Why a qualified-signature login was refused; sent to clients as `extensions.reason`.
export enum SignatureFailureReason {
  // Unparsable certificate, no path to a CA in TRUSTED_CA_FILE, a broken signature on the path,
  // or an issuer on the path that is not allowed to issue certificates.
  CERTIFICATE_UNTRUSTED = 'CERTIFICATE_UNTRUSTED',
  // The certificate or a CA on its path is outside its validity period (expired or not yet valid).
  CERTIFICATE_EXPIRED = 'CERTIFICATE_EXPIRED',
  // A trusted, valid certificate that is not a qualified certificate of an organization: SNILS,
  // OGRN/OGRNIP or the organization's INN is missing or malformed. Kept apart from
  // CERTIFICATE_UNTRUSTED because the client's fix differs: the CA is fine, the certificate
  // type is wrong (e.g. an individual's certificate without OGRN).
  CERTIFICATE_INVALID = 'CERTIFICATE_INVALID',
  // The signature does not verify over the nonce, the key may not be used for signing, or the
  // key algorithm is not supported.
  SIGNATURE_INVALID = 'SIGNATURE_INVALID',
  // The issuer's CRL lists the certificate.
  CERTIFICATE_REVOKED = 'CERTIFICATE_REVOKED',
  // No fresh CRL signed by the issuer could be had (distribution point unreachable, too large,
  // past its nextUpdate, forged, or none in TRUSTED_CRL_DIR): refused, since revocation is unknown.
  CRL_UNAVAILABLE = 'CRL_UNAVAILABLE',
}
