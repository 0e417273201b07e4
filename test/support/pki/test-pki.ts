import 'reflect-metadata'; // @peculiar/x509 uses tsyringe, which needs the Reflect polyfill loaded first
import { KeyObject, sign as signWithNode, webcrypto } from 'node:crypto';
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  type Extension,
  type JsonNameParams,
  KeyUsageFlags,
  KeyUsagesExtension,
  Name,
  SubjectKeyIdentifierExtension,
  X509Certificate,
  X509CertificateGenerator,
  type X509Crl,
  X509CrlGenerator,
} from '@peculiar/x509';

// Test-only PKI: real keys and real certificates, generated in memory, so unit and e2e tests
// exercise the same verification code as production. Every call passes node's WebCrypto to
// @peculiar/x509 explicitly instead of relying on its global crypto provider.

/** Key type of a test CA or certificate: RSA 2048 (PKCS#1 v1.5) or ECDSA P-256, both SHA-256. */
export type TestKeyAlgorithm = 'RSA' | 'EC';

/**
 * ASN.1 string type for SNILS, OGRN, OGRNIP and INN in the subject. Accredited Russian CAs use
 * NumericString; older or foreign tooling writes UTF8String or PrintableString.
 */
export type TestIdentifierEncoding = 'numeric' | 'utf8' | 'printable';

/** A test certificate authority. */
export interface TestCa {
  /** The CA's common name. */
  name: string;
  certificate: X509Certificate;
  /** The CA certificate in PEM: concatenate these to build a trusted CA bundle. */
  caPem: string;
  keys: webcrypto.CryptoKeyPair;
  keyAlgorithm: TestKeyAlgorithm;
}

/** Options of {@link createTestCa}. */
export interface CreateTestCaOptions {
  /** Common name (CN); also used as O. */
  name: string;
  keyAlgorithm: TestKeyAlgorithm;
  /** Default: one day ago. */
  notBefore?: Date;
  /** Default: ten years from now. */
  notAfter?: Date;
  /** The parent CA; omitted for a self-signed root. */
  issuer?: TestCa;
  /**
   * Default true. False makes an end-entity certificate (basicConstraints cA=false) that can
   * still sign others: the "issuer is not a CA" case.
   */
  isCa?: boolean;
  /** Default keyCertSign | cRLSign for a CA; null leaves the extension out. */
  keyUsage?: KeyUsageFlags | null;
  /** basicConstraints pathLenConstraint. */
  pathLength?: number;
  /** Reuse a key pair, e.g. to model a CA certificate renewed under the same key. */
  keys?: webcrypto.CryptoKeyPair;
}

/** Options of {@link issueQualifiedCertificate}. Omit an identifier to test its absence. */
export interface QualifiedCertificateOptions {
  /** SNILS (1.2.643.100.3), written as given (11 digits in real certificates). */
  snils?: string;
  /** INN (1.2.643.3.131.1.1): the person's or sole proprietor's 12 digits, or "00" + 10 digits. */
  inn?: string;
  /** ИНН ЮЛ (1.2.643.100.4): the legal entity's 10 digits. */
  innLe?: string;
  /** OGRN (1.2.643.100.1), 13 digits. */
  ogrn?: string;
  /** OGRNIP (1.2.643.100.5), 15 digits. */
  ogrnip?: string;
  /** O (2.5.4.10). */
  organizationName?: string;
  /** SN (2.5.4.4). */
  surname?: string;
  /** G (2.5.4.42): "Имя Отчество" in Russian certificates. */
  givenName?: string;
  /** CN (2.5.4.3). */
  commonName?: string;
  keyAlgorithm: TestKeyAlgorithm;
  /** Default: one day ago. */
  notBefore?: Date;
  /** Default: one year from now. */
  notAfter?: Date;
  /** Default digitalSignature | nonRepudiation; null leaves the extension out. */
  keyUsage?: KeyUsageFlags | null;
  /** Default 'numeric'. */
  identifierEncoding?: TestIdentifierEncoding;
  /** Added after the default extensions (EKU, SKI, AKI, keyUsage). */
  extensions?: Extension[];
}

/** A certificate issued by a test CA, with its private key. */
export interface TestQualifiedCertificate {
  certificate: X509Certificate;
  certificatePem: string;
  privateKey: webcrypto.CryptoKey;
  /**
   * Signs the nonce's UTF-8 bytes as a loginWithSignature client does: RSA PKCS#1 v1.5 or
   * DER-encoded ECDSA, SHA-256; returns base64.
   */
  sign(nonce: string): Promise<string>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Creates a self-signed root CA, or an intermediate CA when `issuer` is given. */
export async function createTestCa(options: CreateTestCaOptions): Promise<TestCa> {
  const keys = options.keys ?? (await generateTestKeyPair(options.keyAlgorithm));
  const isCa = options.isCa ?? true;
  const defaultKeyUsage = isCa
    ? KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign
    : KeyUsageFlags.digitalSignature;
  const extensions: Extension[] = [
    new BasicConstraintsExtension(isCa, isCa ? options.pathLength : undefined, true),
    await SubjectKeyIdentifierExtension.create(keys.publicKey, false, webcrypto),
  ];
  const keyUsage = options.keyUsage === undefined ? defaultKeyUsage : options.keyUsage;
  if (keyUsage !== null) {
    extensions.push(new KeyUsagesExtension(keyUsage, true));
  }
  const subject = new Name([
    { '2.5.4.6': ['RU'] },
    { '2.5.4.10': [options.name] },
    { '2.5.4.3': [options.name] },
  ]);
  const common = {
    notBefore: options.notBefore ?? new Date(Date.now() - DAY_MS),
    notAfter: options.notAfter ?? new Date(Date.now() + 3650 * DAY_MS),
    extensions,
  };
  const certificate = options.issuer
    ? await X509CertificateGenerator.create(
        {
          ...common,
          subject,
          issuer: options.issuer.certificate.subjectName,
          publicKey: keys.publicKey,
          signingKey: options.issuer.keys.privateKey,
          extensions: [
            ...extensions,
            await AuthorityKeyIdentifierExtension.create(
              options.issuer.keys.publicKey,
              false,
              webcrypto,
            ),
          ],
        },
        webcrypto,
      )
    : await X509CertificateGenerator.createSelfSigned(
        { ...common, name: subject, keys },
        webcrypto,
      );
  return {
    name: options.name,
    certificate,
    caPem: certificate.toString('pem'),
    keys,
    keyAlgorithm: options.keyAlgorithm,
  };
}

/**
 * Issues a certificate with the subject attributes of a Russian qualified certificate
 * (order No. 795 of the FNS): SNILS, OGRN/OGRNIP, INN/ИНН ЮЛ, O, SN, G, CN.
 */
export async function issueQualifiedCertificate(
  ca: TestCa,
  options: QualifiedCertificateOptions,
): Promise<TestQualifiedCertificate> {
  const keys = await generateTestKeyPair(options.keyAlgorithm);
  const encoding = options.identifierEncoding ?? 'numeric';
  const subject: JsonNameParams = [];
  const identifiers: [oid: string, value: string | undefined][] = [
    ['1.2.643.100.3', options.snils],
    ['1.2.643.100.1', options.ogrn],
    ['1.2.643.100.5', options.ogrnip],
    ['1.2.643.100.4', options.innLe],
    ['1.2.643.3.131.1.1', options.inn],
  ];
  for (const [oid, value] of identifiers) {
    if (value !== undefined) {
      subject.push(identifierAttribute(oid, value, encoding));
    }
  }
  const names: [oid: string, value: string | undefined][] = [
    ['2.5.4.10', options.organizationName],
    ['2.5.4.4', options.surname],
    ['2.5.4.42', options.givenName],
    ['2.5.4.3', options.commonName],
  ];
  subject.push({ '2.5.4.6': ['RU'] });
  for (const [oid, value] of names) {
    if (value !== undefined) {
      subject.push({ [oid]: [{ utf8String: value }] });
    }
  }

  const extensions: Extension[] = [
    new ExtendedKeyUsageExtension([ExtendedKeyUsage.clientAuth, ExtendedKeyUsage.emailProtection]),
    await SubjectKeyIdentifierExtension.create(keys.publicKey, false, webcrypto),
    await AuthorityKeyIdentifierExtension.create(ca.keys.publicKey, false, webcrypto),
  ];
  const keyUsage =
    options.keyUsage === undefined
      ? KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation
      : options.keyUsage;
  if (keyUsage !== null) {
    extensions.push(new KeyUsagesExtension(keyUsage, true));
  }
  extensions.push(...(options.extensions ?? []));

  const certificate = await X509CertificateGenerator.create(
    {
      subject: new Name(subject),
      issuer: ca.certificate.subjectName,
      notBefore: options.notBefore ?? new Date(Date.now() - DAY_MS),
      notAfter: options.notAfter ?? new Date(Date.now() + 365 * DAY_MS),
      publicKey: keys.publicKey,
      signingKey: ca.keys.privateKey,
      extensions,
    },
    webcrypto,
  );
  const privateKey = keys.privateKey;
  return {
    certificate,
    certificatePem: certificate.toString('pem'),
    privateKey,
    sign: (nonce) => Promise.resolve(signNonce(privateKey, nonce)),
  };
}

/** Options of {@link issueTestCrl}. */
export interface TestCrlOptions {
  /** Serial numbers (hex, as `X509Certificate.serialNumber`) listed as revoked. */
  revoked?: string[];
  thisUpdate?: Date;
  /** Default: a day from now; null leaves it out. */
  nextUpdate?: Date | null;
  /** Signs with this key instead of the CA's (a CRL the CA did not sign). */
  signingKey?: webcrypto.CryptoKey;
}

/** A CRL in the CA's name, signed with its key unless told otherwise. */
export async function issueTestCrl(ca: TestCa, options: TestCrlOptions = {}): Promise<X509Crl> {
  const nextUpdate =
    options.nextUpdate === undefined ? new Date(Date.now() + DAY_MS) : options.nextUpdate;
  const signingKey = options.signingKey ?? ca.keys.privateKey;
  return X509CrlGenerator.create(
    {
      issuer: ca.certificate.subjectName,
      thisUpdate: options.thisUpdate ?? new Date(Date.now() - 60_000),
      ...(nextUpdate ? { nextUpdate } : {}),
      signingAlgorithm:
        signingKey.algorithm.name === 'ECDSA'
          ? { name: 'ECDSA', hash: 'SHA-256' }
          : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      signingKey,
      entries: (options.revoked ?? []).map((serialNumber) => ({
        serialNumber,
        revocationDate: new Date(Date.now() - 3600_000),
      })),
    },
    webcrypto,
  );
}

/** Joins CA certificates into a PEM bundle, the format of TRUSTED_CA_FILE. */
export function trustedBundlePem(...cas: TestCa[]): string {
  return cas.map((ca) => ca.caPem).join('\n');
}

/** Generates an extractable signing key pair of the given type. */
export async function generateTestKeyPair(
  algorithm: TestKeyAlgorithm,
): Promise<webcrypto.CryptoKeyPair> {
  const parameters =
    algorithm === 'RSA'
      ? {
          name: 'RSASSA-PKCS1-v1_5',
          modulusLength: 2048,
          publicExponent: new Uint8Array([1, 0, 1]),
          hash: 'SHA-256',
        }
      : { name: 'ECDSA', namedCurve: 'P-256' };
  return webcrypto.subtle.generateKey(parameters, true, ['sign', 'verify']);
}

/**
 * Signs the nonce's UTF-8 bytes with SHA-256 and returns base64: PKCS#1 v1.5 for RSA keys, a
 * DER-encoded ECDSA signature for EC keys (node's default, like OpenSSL's).
 */
export function signNonce(privateKey: webcrypto.CryptoKey, nonce: string): string {
  return signWithNode('sha256', Buffer.from(nonce, 'utf8'), KeyObject.from(privateKey)).toString(
    'base64',
  );
}

// NumericString (tag 0x12) is not in @peculiar/x509's DirectoryString choice, so it is written
// through the RFC 4514 "#<hex DER>" form.
function identifierAttribute(
  oid: string,
  value: string,
  encoding: TestIdentifierEncoding,
): JsonNameParams[number] {
  switch (encoding) {
    case 'numeric': {
      const bytes = Buffer.from(value, 'latin1');
      if (bytes.length > 127 || !/^[0-9 ]*$/.test(value)) {
        throw new Error(`"${value}" cannot be written as a short NumericString`);
      }
      return {
        [oid]: [`#12${bytes.length.toString(16).padStart(2, '0')}${bytes.toString('hex')}`],
      };
    }
    case 'utf8':
      return { [oid]: [{ utf8String: value }] };
    case 'printable':
      return { [oid]: [{ printableString: value }] };
  }
}
