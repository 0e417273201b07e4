import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../../../test/fixtures/report-workbook.builder';
import {
  buildZip,
  readZipEntries,
  ZipFixtureEntry,
} from '../../../../test/fixtures/zip-fixture.builder';
import { inspectXlsxPackage, XlsxInspection, XlsxInspectionLimits } from './xlsx-package.inspector';

const LIBREOFFICE_FIXTURE = join(
  __dirname,
  '../../../../test/fixtures/remote-work-report.libreoffice.xlsx',
);
const MAX_UNPACKED = { maxUnpackedBytes: 1024 * 1024 };
// Every check runs on both paths: small files in memory, the rest streamed.
const PATHS: [string, XlsxInspectionLimits][] = [
  [
    'in memory',
    {
      ...MAX_UNPACKED,
      inMemory: { maxFileBytes: 64 * 1024 * 1024, maxInflatedBytes: 64 * 1024 * 1024 },
    },
  ],
  ['streamed', { ...MAX_UNPACKED, inMemory: { maxFileBytes: 0, maxInflatedBytes: 0 } }],
];

describe.each(PATHS)(`${inspectXlsxPackage.name} (%s)`, (path, LIMITS) => {
  const temp = makeTempDir();
  let counter = 0;
  let fixtureEntries: ZipFixtureEntry[];

  beforeAll(async () => {
    fixtureEntries = await readZipEntries(LIBREOFFICE_FIXTURE);
  });
  afterAll(() => temp.remove());

  async function inspect(content: Buffer, limits = LIMITS): Promise<XlsxInspection> {
    const filePath = temp.path(`inspect-${++counter}.xlsx`);
    writeFileSync(filePath, content);
    const inspection = await inspectXlsxPackage(filePath, limits);
    if (inspection.readable) {
      inspection.pkg.close();
    }
    return inspection;
  }

  function verdict(inspection: XlsxInspection): string {
    return inspection.readable ? 'readable' : inspection.message;
  }

  function withPart(name: string, data: string | Buffer): ZipFixtureEntry[] {
    return fixtureEntries.map((entry) => (entry.name === name ? { ...entry, data } : entry));
  }

  it('should list sheets in tab order with their parts when the file is the LibreOffice fixture', async () => {
    const inspection = await inspectXlsxPackage(LIBREOFFICE_FIXTURE, LIMITS);
    if (!inspection.readable) {
      throw new Error(inspection.message);
    }
    try {
      expect(inspection.pkg.sheets).toEqual([
        {
          name: 'Сведения о работодателе',
          partPath: 'xl/worksheets/sheet1.xml',
          isWorksheet: true,
        },
        { name: 'Сведения о работниках', partPath: 'xl/worksheets/sheet2.xml', isWorksheet: true },
        { name: 'Пример', partPath: 'xl/worksheets/sheet3.xml', isWorksheet: true },
      ]);
      expect(inspection.pkg.sharedStringsPart).toBe('xl/sharedStrings.xml');
      expect(inspection.pkg.rowTagCount('xl/worksheets/sheet2.xml')).toBe(10);
      // In memory, the parts are kept inflated for the reader; streamed, nothing is kept.
      const sheet = inspection.pkg.inflatedPart('xl/worksheets/sheet2.xml');
      if (path === 'in memory') {
        const stored = fixtureEntries.find((entry) => entry.name === 'xl/worksheets/sheet2.xml')!;
        expect(sheet?.equals(Buffer.from(stored.data))).toBe(true);
      } else {
        expect(sheet).toBeNull();
      }
    } finally {
      inspection.pkg.close();
    }
  });

  it('should refuse a file that is not a zip', async () => {
    expect(verdict(await inspect(Buffer.from('Телефон;ГРЗ\n+79161234567;А123ВС77\n')))).toMatch(
      /^Файл не является книгой Excel \(\.xlsx\)/,
    );
  });

  it('should refuse a truncated file', async () => {
    const whole = readFileSync(LIBREOFFICE_FIXTURE);
    expect(verdict(await inspect(whole.subarray(0, Math.floor(whole.length / 2))))).toMatch(
      /^Файл не является книгой Excel/,
    );
  });

  it('should refuse a password-protected workbook (an OLE compound file)', async () => {
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(512),
    ]);
    expect(verdict(await inspect(ole))).toMatch(/^Файл защищён паролем/);
  });

  it('should refuse a zip with an encrypted entry', async () => {
    const entries = fixtureEntries.map((entry) =>
      entry.name === 'xl/worksheets/sheet2.xml' ? { ...entry, encrypted: true } : entry,
    );
    expect(verdict(await inspect(buildZip(entries)))).toMatch(/^Файл защищён паролем/);
  });

  it('should refuse a zip without xl/workbook.xml', async () => {
    const entries = fixtureEntries.filter((entry) => entry.name !== 'xl/workbook.xml');
    expect(verdict(await inspect(buildZip(entries)))).toMatch(
      /нет книги Excel \(xl\/workbook\.xml\)/,
    );
  });

  it('should refuse a zip bomb whose header understates its size', async () => {
    const bomb = [
      ...fixtureEntries,
      { name: 'xl/media/image1.png', data: Buffer.alloc(4 * 1024 * 1024), declaredSize: 1000 },
    ];
    expect((await inspect(buildZip(bomb))).readable).toBe(false);
  });

  it('should refuse a file larger than the limit once inflated', async () => {
    const big = [
      ...fixtureEntries,
      { name: 'xl/media/image1.png', data: Buffer.alloc(2 * 1024 * 1024) },
    ];
    expect(verdict(await inspect(buildZip(big)))).toBe(
      'Файл слишком большой в распакованном виде (больше 1 МБ): ожидается отчёт не больше 1 МБ после распаковки; удалите лишние листы, рисунки и пустые отформатированные строки',
    );
  });

  it('should refuse a DOCTYPE in any XML part', async () => {
    const workbook = fixtureEntries.find((entry) => entry.name === 'xl/workbook.xml')!;
    const withDoctype = workbook.data
      .toString('utf8')
      .replace('?>', '?><!DOCTYPE workbook [<!ENTITY lol "lol">]>');
    expect(verdict(await inspect(buildZip(withPart('xl/workbook.xml', withDoctype))))).toMatch(
      /<!DOCTYPE>, <!ENTITY>/,
    );
  });

  it('should refuse an ENTITY declaration split across two inflated chunks', async () => {
    // zlib hands out inflated data in 16 KiB chunks: put the marker across the first boundary.
    const padding = `<?xml version="1.0"?><!--${'x'.repeat(16 * 1024 - 30)}-->`;
    const xml = `${padding}<!ENTITY a "b"><sst/>`;
    expect(xml.indexOf('<!ENTITY')).toBeLessThan(16 * 1024);
    expect(xml.indexOf('<!ENTITY') + 8).toBeGreaterThan(16 * 1024);
    expect(verdict(await inspect(buildZip(withPart('xl/sharedStrings.xml', xml))))).toMatch(
      /<!ENTITY>/,
    );
  });

  it('should refuse a UTF-16 XML part', async () => {
    const utf16 = Buffer.from('\ufeff<?xml version="1.0" encoding="UTF-16"?><sst/>', 'utf16le');
    expect((await inspect(buildZip(withPart('xl/sharedStrings.xml', utf16)))).readable).toBe(false);
  });

  it('should resolve absolute relationship targets and count row tags across chunks', async () => {
    const rels = fixtureEntries
      .find((entry) => entry.name === 'xl/_rels/workbook.xml.rels')!
      .data.toString('utf8')
      .replace(/Target="worksheets\//g, 'Target="/xl/worksheets/');
    const rows = Array.from(
      { length: 3000 },
      (_, index) => `<row r="${index + 1}"><c r="A${index + 1}"><v>${index}</v></c></row>`,
    ).join('');
    const sheet = `<?xml version="1.0"?><worksheet><sheetData>${rows}</sheetData><rowBreaks/></worksheet>`;
    const entries = withPart('xl/_rels/workbook.xml.rels', rels).map((entry) =>
      entry.name === 'xl/worksheets/sheet2.xml' ? { ...entry, data: sheet } : entry,
    );
    const filePath = temp.path('absolute.xlsx');
    writeFileSync(filePath, buildZip(entries));
    const inspection = await inspectXlsxPackage(filePath, LIMITS);
    if (!inspection.readable) {
      throw new Error(inspection.message);
    }
    try {
      expect(inspection.pkg.sheets.map((sheet) => sheet.partPath)).toEqual([
        'xl/worksheets/sheet1.xml',
        'xl/worksheets/sheet2.xml',
        'xl/worksheets/sheet3.xml',
      ]);
      expect(inspection.pkg.rowTagCount('xl/worksheets/sheet2.xml')).toBe(3000);
    } finally {
      inspection.pkg.close();
    }
  });

  it('should stream a small file whose parts inflate to more than the in-memory path keeps', async () => {
    const entries = withPart('xl/sharedStrings.xml', `<sst>${' '.repeat(64 * 1024)}</sst>`);
    const filePath = temp.path(`fallback-${path}.xlsx`);
    writeFileSync(filePath, buildZip(entries));
    const inspection = await inspectXlsxPackage(filePath, {
      ...LIMITS,
      inMemory: { maxFileBytes: 1024 * 1024, maxInflatedBytes: 32 * 1024 },
    });
    if (!inspection.readable) {
      throw new Error(inspection.message);
    }
    try {
      expect(inspection.pkg.sheets).toHaveLength(3);
      expect(inspection.pkg.inflatedPart('xl/sharedStrings.xml')).toBeNull();
    } finally {
      inspection.pkg.close();
    }
  });
});
