import { isIsoDate } from '../../../shared/graphql/date.scalar';
import { checkSnils, checkVehiclePlate, cleanText } from '../../../shared/identifiers';
import type { LinkKind } from './person-registry.port';
import { csvLines, RegistryCsvError } from './registry-csv.parser';

/** The header of a link registry CSV (`registry:import` tells the two files apart by it). */
export const LINK_REGISTRY_CSV_HEADER = [
  'kind',
  'identifier',
  'proof',
  'last_name',
  'first_name',
  'middle_name',
  'birth_date',
] as const;

const LINK_KINDS: readonly LinkKind[] = [
  'VEHICLE',
  'OMS_POLICY',
  'CHILD',
  'PAYER_CODE',
  'ELECTRICITY_ACCOUNT',
  'DRIVER_LICENSE',
];

/** One identifier of a link registry CSV, normalised as the profile stores it. */
export interface LinkRegistryCsvLine {
  line: number;
  kind: LinkKind;
  identifier: string;
  proof: string | null;
  lastName: string | null;
  firstName: string | null;
  middleName: string | null;
  birthDate: string | null;
}

/**
 * Parses a link registry CSV (header `kind,identifier,proof,last_name,first_name,middle_name,
 * birth_date`): a plate with its СТС, a child's SNILS with the parent's SNILS, a payer code or an
 * electricity account with the check code, a licence with its issue date and holder's names, an
 * OMS policy with its holder's names and birth date. The first bad row refuses the whole file.
 */
export function parseLinkRegistryCsv(text: string): LinkRegistryCsvLine[] {
  return csvLines(text, LINK_REGISTRY_CSV_HEADER).map(({ line, cells }) => {
    const [kindRaw, identifierRaw, proofRaw, last, first, middle, birth] = cells.map((c) =>
      cleanText(c ?? ''),
    );
    const kind = (kindRaw ?? '').toUpperCase() as LinkKind;
    if (!LINK_KINDS.includes(kind)) {
      throw new RegistryCsvError(line, `kind must be one of ${LINK_KINDS.join(', ')}`);
    }
    const identifier = normaliseIdentifier(kind, identifierRaw ?? '', line);
    const proof = normaliseProof(kind, proofRaw ?? '', line);
    if (birth && !isIsoDate(birth)) {
      throw new RegistryCsvError(line, 'birth_date must be YYYY-MM-DD');
    }
    if ((kind === 'OMS_POLICY' || kind === 'DRIVER_LICENSE') && (!last || !first)) {
      throw new RegistryCsvError(line, 'last_name and first_name are required for this kind');
    }
    if (kind === 'OMS_POLICY' && !birth) {
      throw new RegistryCsvError(line, 'birth_date is required for OMS_POLICY');
    }
    return {
      line,
      kind,
      identifier,
      proof,
      lastName: last || null,
      firstName: first || null,
      middleName: middle || null,
      birthDate: birth || null,
    };
  });
}

// The identifier as the profile stores it, so the check's lookup is an equality.
function normaliseIdentifier(kind: LinkKind, raw: string, line: number): string {
  if (kind === 'VEHICLE') {
    const plate = checkVehiclePlate(raw);
    if (!plate.valid) {
      throw new RegistryCsvError(line, plate.message);
    }
    return plate.normalized;
  }
  if (kind === 'CHILD') {
    return snilsOf(raw, line);
  }
  const value = raw.replace(/\s/g, '').toUpperCase();
  if (!value) {
    throw new RegistryCsvError(line, 'identifier is required');
  }
  return value;
}

function normaliseProof(kind: LinkKind, raw: string, line: number): string | null {
  switch (kind) {
    case 'OMS_POLICY':
      return null;
    case 'CHILD':
      return snilsOf(raw, line);
    case 'DRIVER_LICENSE':
      if (!isIsoDate(raw)) {
        throw new RegistryCsvError(line, 'proof of DRIVER_LICENSE is the issue date, YYYY-MM-DD');
      }
      return raw;
    case 'VEHICLE':
    case 'PAYER_CODE':
    case 'ELECTRICITY_ACCOUNT': {
      const value = raw.replace(/\s/g, '').toUpperCase();
      if (!value) {
        throw new RegistryCsvError(line, `proof is required for ${kind}`);
      }
      return value;
    }
  }
}

function snilsOf(raw: string, line: number): string {
  const check = checkSnils(raw);
  if (!check.valid) {
    throw new RegistryCsvError(line, check.message);
  }
  return check.normalized;
}
