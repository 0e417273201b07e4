import {
  checkRussianPhone,
  checkSnils,
  checkVehiclePlate,
  cleanText,
  compactNumberLike,
} from '../../../shared/identifiers';
import { SubjectKind } from '../graphql/subject-kind.enum';

/** A subject value in the form the profile stores it, or why it cannot be one. */
export type NormalizedSubject = { valid: true; value: string } | { valid: false; message: string };

function digitsOnly(value: string, min: number, max: number, what: string): NormalizedSubject {
  const digits = compactNumberLike(value);
  if (!/^\d+$/.test(digits) || digits.length < min || digits.length > max) {
    const length = min === max ? `${min} цифр` : `от ${min} до ${max} цифр`;
    return { valid: false, message: `${what}: ожидается ${length}` };
  }
  return { valid: true, value: digits };
}

function fromCheck(result: { valid: boolean; normalized?: string; message?: string }) {
  return result.valid
    ? ({ valid: true, value: result.normalized! } as const)
    : ({ valid: false, message: result.message ?? 'Неверное значение' } as const);
}

// Each rule mirrors how the profile module normalises the field before storing it, so a match
// is an equality on an indexed column.
const NORMALIZERS: Record<SubjectKind, (value: string) => NormalizedSubject> = {
  SNILS: (v) => fromCheck(checkSnils(v)),
  CHILD_SNILS: (v) => fromCheck(checkSnils(v)),
  PHONE: (v) => fromCheck(checkRussianPhone(v)),
  VEHICLE_PLATE: (v) => fromCheck(checkVehiclePlate(v)),
  DRIVER_LICENSE: (v) => {
    const licence = cleanText(v).replace(/\s/g, '').toUpperCase();
    return /^\d{2}[\dА-ЯЁA-Z]{2}\d{6}$/u.test(licence)
      ? { valid: true, value: licence }
      : { valid: false, message: 'Водительское удостоверение: 10 знаков, например 77 АВ 123456' };
  },
  PAYER_CODE: (v) => digitsOnly(v, 10, 10, 'Код плательщика'),
  ELECTRICITY_ACCOUNT: (v) => digitsOnly(v, 5, 20, 'Лицевой счёт за электроэнергию'),
  OMS_POLICY: (v) => digitsOnly(v, 16, 16, 'Полис ОМС'),
  ADDRESS: (v) => {
    const address = cleanText(v).replace(/\s+/g, ' ');
    if (address.length === 0 || address.length > 500) {
      return { valid: false, message: 'Адрес: от 1 до 500 символов' };
    }
    return { valid: true, value: address };
  },
};

/** Normalises an event's subject value the way the profile stores that identifier. */
export function normalizeSubject(kind: SubjectKind, value: string): NormalizedSubject {
  return NORMALIZERS[kind](value);
}
