import type { X509Certificate } from '@peculiar/x509';
import {
  DerTag,
  decodeDerString,
  decodeObjectIdentifier,
  derContent,
  readDerChildren,
  readDerRoot,
} from './asn1-der.parser';

// Subject attribute OIDs of Russian qualified certificates (order No. 795 of the FNS, 2020) and
// the X.520 names we read.
export const SubjectAttributeOid = {
  Snils: '1.2.643.100.3',
  Ogrn: '1.2.643.100.1',
  Ogrnip: '1.2.643.100.5',
  InnLegalEntity: '1.2.643.100.4',
  Inn: '1.2.643.3.131.1.1',
  OrganizationName: '2.5.4.10',
  Surname: '2.5.4.4',
  GivenName: '2.5.4.42',
  CommonName: '2.5.4.3',
} as const;

export type OrganizationType = 'LEGAL_ENTITY' | 'SOLE_PROPRIETOR';

export interface CertificateSubject {
  /** 11 digits, no separators. */
  snils: string;
  /** 13 digits; set for a legal entity. */
  ogrn?: string;
  /** 15 digits; set for a sole proprietor. */
  ogrnip?: string;
  /** The organization's INN: 10 digits for a legal entity, 12 for a sole proprietor. */
  inn: string;
  /** The signer's own 12-digit INN when the certificate carries it (legal entity certificates). */
  personInn?: string;
  organizationName?: string;
  surname?: string;
  /** In Russian certificates this holds "Имя Отчество". */
  givenName?: string;
  commonName?: string;
  organizationType: OrganizationType;
}

export type CertificateSubjectExtraction =
  { ok: true; subject: CertificateSubject } | { ok: false; message: string };

/**
 * Reads the organization and signer identifiers from a qualified certificate's subject. Values are
 * only format-checked: the issuing CA, already verified to be trusted, vouches for their content.
 */
export function extractCertificateSubject(
  certificate: X509Certificate,
): CertificateSubjectExtraction {
  let attributes: Map<string, string[]>;
  try {
    attributes = readSubjectAttributes(new Uint8Array(certificate.rawData));
  } catch {
    return { ok: false, message: 'the certificate subject cannot be decoded' };
  }
  const single = (oid: string): string | undefined | null => {
    const values = [...new Set(attributes.get(oid) ?? [])];
    // Two different values of one identifier make the certificate ambiguous.
    return values.length > 1 ? null : values[0];
  };

  const snils = digitsOf(single(SubjectAttributeOid.Snils), 11, /[\s-]/g);
  if (!snils) {
    return { ok: false, message: 'the certificate has no valid SNILS (1.2.643.100.3)' };
  }
  const ogrn = digitsOf(single(SubjectAttributeOid.Ogrn), 13);
  const ogrnip = digitsOf(single(SubjectAttributeOid.Ogrnip), 15);
  if (!ogrn === !ogrnip) {
    return {
      ok: false,
      message:
        'the certificate must carry exactly one of OGRN (1.2.643.100.1) or OGRNIP (1.2.643.100.5)',
    };
  }
  const innLegalEntity = digitsOf(single(SubjectAttributeOid.InnLegalEntity), 10);
  const inn = normaliseInn(single(SubjectAttributeOid.Inn));
  const organizationType: OrganizationType = ogrnip ? 'SOLE_PROPRIETOR' : 'LEGAL_ENTITY';
  const organizationInn = organizationInnOf(organizationType, innLegalEntity, inn);
  if (!organizationInn) {
    return {
      ok: false,
      message:
        organizationType === 'SOLE_PROPRIETOR'
          ? 'the certificate has no valid 12-digit INN (1.2.643.3.131.1.1) of the sole proprietor'
          : 'the certificate has no valid 10-digit INN of the organization (1.2.643.100.4 or 1.2.643.3.131.1.1)',
    };
  }

  return {
    ok: true,
    subject: omitUndefined({
      snils,
      ogrn,
      ogrnip,
      inn: organizationInn,
      personInn: inn?.length === 12 ? inn : undefined,
      organizationName: text(single(SubjectAttributeOid.OrganizationName)),
      surname: text(single(SubjectAttributeOid.Surname)),
      givenName: text(single(SubjectAttributeOid.GivenName)),
      commonName: text(single(SubjectAttributeOid.CommonName)),
      organizationType,
    }),
  };
}

// A sole proprietor's INN is their personal 12-digit one. A legal entity's is 10 digits: in
// ИНН ЮЛ since 2021, in the INN attribute before (the 12-digit INN of a legal entity certificate
// is the signer's own).
function organizationInnOf(
  organizationType: OrganizationType,
  innLegalEntity: string | undefined,
  inn: string | undefined,
): string | undefined {
  if (organizationType === 'SOLE_PROPRIETOR') {
    return inn?.length === 12 ? inn : undefined;
  }
  return innLegalEntity ?? (inn?.length === 10 ? inn : undefined);
}

// Certificates issued before 2021 put a legal entity's 10-digit INN into the 12-digit INN
// attribute with two leading zeros. No personal INN starts with "00" (the first two digits are
// a region code), so stripping them is unambiguous.
function normaliseInn(value: string | undefined | null): string | undefined {
  const digits = digitsOf(value, 12) ?? digitsOf(value, 10);
  if (digits?.length === 12 && digits.startsWith('00')) {
    return digits.slice(2);
  }
  return digits;
}

function digitsOf(
  value: string | undefined | null,
  length: number,
  ignored?: RegExp,
): string | undefined {
  if (!value) {
    return undefined;
  }
  const compact = ignored ? value.trim().replace(ignored, '') : value.trim();
  return compact.length === length && /^\d+$/.test(compact) ? compact : undefined;
}

function text(value: string | undefined | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

// Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber,
// signature, issuer, validity, subject, ... }, ... }. Read from the original bytes so the string
// type the CA chose (NumericString, PrintableString, UTF8String...) is seen as issued.
function readSubjectAttributes(certificateDer: Uint8Array): Map<string, string[]> {
  const certificate = readDerRoot(certificateDer, DerTag.Sequence);
  const [tbs] = readDerChildren(certificateDer, certificate);
  const tbsFields = readDerChildren(certificateDer, tbs);
  const skip = tbsFields[0]?.tag === DerTag.ContextConstructed0 ? 1 : 0;
  const subject = tbsFields[skip + 4];
  if (subject?.tag !== DerTag.Sequence) {
    throw new Error('no subject');
  }
  const attributes = new Map<string, string[]>();
  for (const rdn of readDerChildren(certificateDer, subject)) {
    for (const typeAndValue of readDerChildren(certificateDer, rdn)) {
      const [type, value] = readDerChildren(certificateDer, typeAndValue);
      if (type?.tag !== DerTag.ObjectIdentifier || !value) {
        throw new Error('malformed attribute');
      }
      const decoded = decodeDerString(value.tag, derContent(certificateDer, value));
      if (decoded === null) {
        continue;
      }
      const oid = decodeObjectIdentifier(derContent(certificateDer, type));
      attributes.set(oid, [...(attributes.get(oid) ?? []), decoded]);
    }
  }
  return attributes;
}
