import { stream } from 'exceljs';

// Report workbooks for the benchmarks (and the long-running e2e tests), typed like an employer
// would: phones as text and as numbers, Cyrillic plates, card numbers with spaces.

export interface BenchOrganization {
  inn: string;
  ogrn: string;
  fullName: string;
}

/** The organization of the LibreOffice fixture; the parsing benchmark reports for it. */
export const BENCH_ORGANIZATION: BenchOrganization = {
  inn: '7701234560',
  ogrn: '1027701234560',
  fullName: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ «РОМАШКА»',
};

const INN_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const PLATE_LETTERS = 'АВЕКМНОРСТУХ';

/**
 * The `index`-th of a family of legal entities with valid check digits (INN and OGRN pass every
 * check of the template), all in `series` (two digits), so one run's employers never collide
 * with another's.
 */
export function benchOrganization(series: number, index: number): BenchOrganization {
  const body = `77${String(series % 100).padStart(2, '0')}${String(index).padStart(5, '0')}`;
  const innCheck =
    ([...body].reduce((sum, digit, i) => sum + Number(digit) * INN_WEIGHTS[i], 0) % 11) % 10;
  const ogrnBody = `10277${String(series % 100).padStart(2, '0')}${String(index).padStart(5, '0')}`;
  const ogrnCheck = (Number(ogrnBody) % 11) % 10;
  return {
    inn: `${body}${innCheck}`,
    ogrn: `${ogrnBody}${ogrnCheck}`,
    fullName: `ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ «НАГРУЗКА ${series}-${index}»`,
  };
}

/** Writes a report workbook of `rows` employees of the organization. */
export async function writeBenchWorkbook(
  path: string,
  rows: number,
  organization: BenchOrganization = BENCH_ORGANIZATION,
): Promise<void> {
  const workbook = new stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const employer = workbook.addWorksheet('Сведения о работодателе');
  employer
    .addRow(['Показатель', 'Пояснения к заполнению', 'Пример заполнения', 'Значение'])
    .commit();
  const values = [
    organization.inn,
    organization.ogrn,
    organization.fullName,
    rows + 10,
    rows,
    10,
    '+7 495 123-45-67',
  ];
  values.forEach((value, i) => employer.addRow([`Показатель ${i + 2}`, '', '', value]).commit());
  employer.commit();
  const employees = workbook.addWorksheet('Сведения о работниках');
  employees
    .addRow(['№ п/п', 'Телефон', 'ГРЗ', 'Тройка', 'Стрелка', 'Соц. карта', 'Проездной'])
    .commit();
  for (let i = 0; i < rows; i++) {
    const n = String(i).padStart(7, '0');
    const letter = (k: number) => PLATE_LETTERS[(i + k) % PLATE_LETTERS.length];
    employees
      .addRow([
        i + 1,
        i % 2 === 0 ? `+7 916 ${n.slice(0, 3)}-${n.slice(3, 5)}-${n.slice(5)}` : Number(`7916${n}`),
        i % 3 === 0
          ? `${letter(0)}${String((i % 999) + 1).padStart(3, '0')}${letter(1)}${letter(2)}77`
          : null,
        i % 4 === 0 ? String(1_000_000_000 + i) : null,
        null,
        i % 5 === 0 ? `9643 ${n.slice(0, 4)} ${n.slice(3)} 12` : null,
        null,
      ])
      .commit();
  }
  employees.commit();
  await workbook.commit();
}
