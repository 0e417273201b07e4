import archiver from 'archiver';
import { Workbook } from 'exceljs';
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import type { PersonalDataSection, PersonalDataValue } from '../../../shared/personal-data';

/** The workbook's name inside the archive. */
export const WORKBOOK_NAME = 'my-data.xlsx';

// Excel refuses longer cell texts.
const CELL_MAX = 32_000;

function cellText(value: PersonalDataValue): string | number | boolean | null {
  if (Array.isArray(value)) {
    return value.join(', ');
  }
  return typeof value === 'string' && value.length > CELL_MAX ? value.slice(0, CELL_MAX) : value;
}

/** One readable workbook: a summary sheet, then one sheet per kind of data with a header row. */
export async function buildWorkbook(
  sections: readonly PersonalDataSection[],
  generatedAt: Date,
): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.created = generatedAt;
  const summary = workbook.addWorksheet('Сводка');
  summary.columns = [
    { header: 'Данные', key: 'title', width: 32 },
    { header: 'Файл в архиве', key: 'file', width: 28 },
    { header: 'Записей', key: 'count', width: 10 },
  ];
  summary.getRow(1).font = { bold: true };
  for (const section of sections) {
    summary.addRow({
      title: section.title,
      file: `${section.key}.json`,
      count: section.records.length,
    });
  }
  summary.addRow({});
  summary.addRow({ title: `Сформировано: ${generatedAt.toISOString()}` });
  for (const section of sections) {
    const sheet = workbook.addWorksheet(section.title.slice(0, 31));
    const keys = [...new Set(section.records.flatMap((r) => Object.keys(r)))];
    if (keys.length === 0) {
      sheet.addRow(['Нет данных']);
      continue;
    }
    sheet.columns = keys.map((key) => ({ header: key, key, width: Math.min(40, key.length + 12) }));
    sheet.getRow(1).font = { bold: true };
    for (const record of section.records) {
      sheet.addRow(Object.fromEntries(keys.map((k) => [k, cellText(record[k] ?? null)])));
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The ZIP as a stream: `<key>.json` per kind of data (`{ title, records }`, UTF-8) and the
 * workbook. Errors of the archiver surface on the returned stream.
 */
export function archiveStream(
  sections: readonly PersonalDataSection[],
  workbook: Buffer,
): Readable {
  const zip = archiver('zip', { zlib: { level: 6 } });
  const out = new PassThrough();
  zip.on('error', (error) => out.destroy(error));
  zip.on('warning', (error) => out.destroy(error));
  zip.pipe(out);
  for (const section of sections) {
    const json = JSON.stringify({ title: section.title, records: section.records }, null, 2);
    zip.append(Buffer.from(json, 'utf8'), { name: `${section.key}.json` });
  }
  zip.append(workbook, { name: WORKBOOK_NAME });
  void zip.finalize();
  return out;
}
