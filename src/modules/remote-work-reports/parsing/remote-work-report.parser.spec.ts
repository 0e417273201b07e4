import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stream as excelStream } from 'exceljs';
import {
  FIXTURE_ORGANIZATION,
  makeTempDir,
  ReportWorkbookSpec,
  writeReportWorkbook,
} from '../../../../test/fixtures/report-workbook.builder';
import { buildZip, readZipEntries } from '../../../../test/fixtures/zip-fixture.builder';
import { BENCH_ORGANIZATION, writeBenchWorkbook } from '../../../../test/support/bench-workbook';
import { parseRemoteWorkReport } from './remote-work-report.parser';
import {
  ParsedEmployeeRow,
  ParseOutcome,
  ParseRemoteWorkReportOptions,
} from './remote-work-report.model';
import { ReportIssue } from './report-issue.model';

const LIBREOFFICE_FIXTURE = join(
  __dirname,
  '../../../../test/fixtures/remote-work-report.libreoffice.xlsx',
);

interface Parsed {
  outcome: ParseOutcome;
  batches: ParsedEmployeeRow[][];
  rows: ParsedEmployeeRow[];
}

// «WARNING COUNT_MISMATCH Сведения о работодателе!D6»: where and what, without the wording.
function places(issues: readonly ReportIssue[]): string[] {
  return issues.map(
    (issue) =>
      `${issue.severity} ${issue.code} ${issue.sheet ?? ''}!${issue.column ?? ''}${issue.row ?? ''}`,
  );
}

describe(parseRemoteWorkReport.name, () => {
  const temp = makeTempDir();
  let fileCounter = 0;
  afterAll(() => temp.remove());

  async function parse(
    filePath: string,
    options: Partial<ParseRemoteWorkReportOptions> = {},
  ): Promise<Parsed> {
    const batches: ParsedEmployeeRow[][] = [];
    const outcome = await parseRemoteWorkReport(
      filePath,
      {
        organization: FIXTURE_ORGANIZATION,
        maxRows: 1000,
        maxUnpackedBytes: 20 * 1024 * 1024,
        ...options,
      },
      (batch) => {
        batches.push(batch);
        return Promise.resolve();
      },
    );
    return { outcome, batches, rows: batches.flat() };
  }

  async function workbook(spec: ReportWorkbookSpec): Promise<string> {
    const filePath = temp.path(`report-${++fileCounter}.xlsx`);
    await writeReportWorkbook(filePath, spec);
    return filePath;
  }

  function file(content: Buffer): string {
    const filePath = temp.path(`file-${++fileCounter}.xlsx`);
    writeFileSync(filePath, content);
    return filePath;
  }

  describe('the LibreOffice fixture', () => {
    let parsed: Parsed;
    beforeAll(async () => {
      parsed = await parse(LIBREOFFICE_FIXTURE);
    });

    it('should give the documented totals when parsed for ООО «РОМАШКА»', () => {
      expect(parsed.outcome).toMatchObject({
        status: 'PARTIALLY_ACCEPTED',
        rejectionCode: null,
        totalEmployees: 20,
        remoteEmployees: 9,
        rowsTotal: 9,
        rowsAccepted: 6,
        rowsRejected: 3,
      });
    });

    it('should read the INN despite spaces, a dash and a zero-width space', () => {
      expect(parsed.outcome.employer).toEqual({
        inn: '7701234560',
        ogrn: '1027701234560',
        fullName: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ «РОМАШКА»',
        totalEmployees: 20,
        remoteEmployees: 9,
        notRemoteEmployees: 11,
        contactPhone: '+74951234567',
      });
    });

    it('should warn that 9 remote employees were declared and 6 rows accepted', () => {
      expect(places(parsed.outcome.issues)).toEqual([
        'WARNING COUNT_MISMATCH Сведения о работодателе!D6',
      ]);
      expect(parsed.outcome.issues[0].message).toBe(
        'Численность переведённых на дистанционный режим 9, а принято строк о работниках 6: ожидается, что числа совпадают',
      );
    });

    it('should store the documented values and place every row issue', () => {
      const sheet = 'Сведения о работниках';
      expect(
        parsed.rows.map((row) => [
          row.rowNumber,
          row.accepted,
          row.phone,
          row.vehiclePlate,
          row.troika,
          row.strelka,
          row.socialCard,
          row.travelPass,
          places(row.issues),
        ]),
      ).toEqual([
        [2, true, '+79161234567', 'А123ВС77', '1234567890', null, null, null, []],
        [
          3,
          true,
          '+79161234568',
          'В456ОР199',
          null,
          null,
          null,
          null,
          [`WARNING DASH_AS_EMPTY ${sheet}!D3`, `WARNING DASH_AS_EMPTY ${sheet}!E3`],
        ],
        [
          4,
          true,
          '+79161234569',
          null,
          null,
          null,
          null,
          null,
          [`WARNING DASH_AS_EMPTY ${sheet}!C4`, `WARNING DASH_AS_EMPTY ${sheet}!F4`],
        ],
        [5, true, '+79161234570', null, null, null, null, '1234567890123', []],
        [6, true, '+79161234571', null, null, '12345678901', null, null, []],
        [
          7,
          true,
          '+79161234572',
          null,
          '0012345678',
          '00123456789',
          null,
          null,
          [
            `WARNING LEADING_ZEROS_RESTORED ${sheet}!D7`,
            `WARNING LEADING_ZEROS_RESTORED ${sheet}!E7`,
          ],
        ],
        [8, false, null, null, null, null, null, null, [`ERROR PHONE_INVALID ${sheet}!B8`]],
        [
          9,
          false,
          null,
          null,
          null,
          null,
          null,
          null,
          [`ERROR PHONE_REQUIRED ${sheet}!B9`, `ERROR PLATE_INVALID ${sheet}!C9`],
        ],
        [10, false, null, null, null, null, null, null, [`ERROR DUPLICATE_PHONE ${sheet}!B10`]],
      ]);
    });

    it('should quote the value, the expectation and the correction in messages', () => {
      const message = (row: number, column: string): string =>
        parsed.rows
          .find((candidate) => candidate.rowNumber === row)!
          .issues.find((issue) => issue.column === column)!.message;
      expect(message(7, 'D')).toBe(
        'Номер карты «Тройка» 12345678: Excel сохранил номер как число и удалил ведущие нули; ожидается 10 цифр, номер восстановлен как 0012345678',
      );
      expect(message(8, 'B')).toBe(
        'Телефон «+7 495 123-45-67»: это не мобильный номер; ожидается российский мобильный номер вида +7 9XX XXX-XX-XX',
      );
      expect(message(9, 'C')).toContain('Госномер Б123ВС77');
      expect(message(9, 'C')).toContain('«Б»');
      expect(message(10, 'B')).toBe(
        'Телефон 89161234567 (+79161234567) уже указан в строке 2: каждый работник указывается один раз, повторная строка не принимается',
      );
    });

    it('should keep the values as read without invisible characters', () => {
      const row = (rowNumber: number): ParsedEmployeeRow =>
        parsed.rows.find((candidate) => candidate.rowNumber === rowNumber)!;
      expect(row(2).raw).toEqual({
        serialNumber: '1',
        phone: '89161234567',
        vehiclePlate: 'A123BC77',
        troika: '1234567890',
        strelka: null,
        socialCard: null,
        travelPass: null,
      });
      expect(row(6).raw.phone).toBe('8-916-123-45-71');
      expect(row(8).raw.phone).toBe('+7 495 123-45-67');
    });
  });

  it('should accept a workbook typed like a real employer with normalised values', async () => {
    const filePath = await workbook({
      employer: {
        2: '\u00a07701\u00a0234\u00a0560 ',
        3: 1027701234560,
        4: 'общество с ограниченной ответственностью "Ромашка"',
        5: ' 5 ',
        6: 4,
        7: '1',
        8: '8 (495) 500-55-50',
      },
      employees: [
        [1, 89161234567, 'a 123 bc 77', '1234567890', null, null, null],
        [
          2,
          '+7 (916) 765-43-21',
          'В456ОР199',
          4294967295,
          '123 456 789 01',
          '9643 1078 9012 3456 789',
          '1234 5678 9',
        ],
        [3, '8\u00a0916\u00a0111\u201122\u201133', '—', '-', '\u2013', '\u200b', null],
        [4, 9161112234, 'X777XX777', null, 12345678901, null, 123456789012],
      ],
    });

    const { outcome, rows, batches } = await parse(filePath, { batchSize: 3 });

    expect(outcome).toMatchObject({
      status: 'ACCEPTED',
      totalEmployees: 5,
      remoteEmployees: 4,
      rowsTotal: 4,
      rowsAccepted: 4,
      rowsRejected: 0,
      issues: [],
    });
    expect(outcome.employer?.contactPhone).toBe('+74955005550');
    expect(batches.map((batch) => batch.length)).toEqual([3, 1]);
    expect(
      rows.map((row) => [
        row.phone,
        row.vehiclePlate,
        row.troika,
        row.strelka,
        row.socialCard,
        row.travelPass,
      ]),
    ).toEqual([
      ['+79161234567', 'А123ВС77', '1234567890', null, null, null],
      [
        '+79167654321',
        'В456ОР199',
        '4294967295',
        '12345678901',
        '9643107890123456789',
        '123456789',
      ],
      ['+79161112233', null, null, null, null, null],
      ['+79161112234', 'Х777ХХ777', null, '12345678901', null, '123456789012'],
    ]);
    expect(places(rows[2].issues)).toEqual([
      'WARNING DASH_AS_EMPTY Сведения о работниках!C4',
      'WARNING DASH_AS_EMPTY Сведения о работниках!D4',
      'WARNING DASH_AS_EMPTY Сведения о работниках!E4',
    ]);
  });

  describe('employer sheet', () => {
    const employee = [1, '+79161234567', null, null, null, null, null];

    it('should reject and hand over no rows when the INN belongs to another organization', async () => {
      const { outcome, batches } = await parse(
        await workbook({ employer: { 2: '7707083893' }, employees: [employee] }),
      );
      expect(outcome).toMatchObject({
        status: 'REJECTED',
        rejectionCode: 'INN_MISMATCH',
        rowsTotal: 0,
        rowsAccepted: 0,
        totalEmployees: 2,
        remoteEmployees: 1,
      });
      expect(places(outcome.issues)).toEqual(['ERROR INN_MISMATCH Сведения о работодателе!D2']);
      expect(outcome.issues[0].message).toBe(
        'ИНН 7707083893 не совпадает с ИНН организации, за которую подаётся отчёт: ожидается 7701234560',
      );
      expect(batches).toEqual([]);
    });

    it.each([
      [{ 2: '7707083894' }, 'ERROR INN_INVALID Сведения о работодателе!D2'],
      [{ 3: '1027700132195' }, 'ERROR OGRN_MISMATCH Сведения о работодателе!D3'],
      [{ 3: '102770013219' }, 'ERROR OGRN_INVALID Сведения о работодателе!D3'],
      [{ 3: '304500111000013' }, 'ERROR OGRN_INVALID Сведения о работодателе!D3'],
      [{ 5: null }, 'ERROR COUNT_REQUIRED Сведения о работодателе!D5'],
      [{ 5: '-' }, 'ERROR COUNT_REQUIRED Сведения о работодателе!D5'],
      [{ 5: 'двадцать' }, 'ERROR COUNT_INVALID Сведения о работодателе!D5'],
      [{ 6: 2.5 }, 'ERROR COUNT_INVALID Сведения о работодателе!D6'],
      [{ 6: '-3' }, 'ERROR COUNT_INVALID Сведения о работодателе!D6'],
      [{ 5: 1, 6: 2, 7: 0 }, 'ERROR COUNT_INCONSISTENT Сведения о работодателе!D6'],
      [{ 5: 5, 6: 1, 7: 1 }, 'ERROR COUNT_INCONSISTENT Сведения о работодателе!D7'],
      [{ 6: { formula: 'B2' } }, 'ERROR COUNT_INVALID Сведения о работодателе!D6'],
    ])('should reject %j with %s', async (employer, expected) => {
      const { outcome, batches } = await parse(await workbook({ employer, employees: [employee] }));
      expect(outcome.status).toBe('REJECTED');
      expect(places(outcome.issues)).toEqual([expected]);
      expect(batches).toEqual([]);
    });

    it('should read blank, «-» and «—» as 0 in rows 6 and 7', async () => {
      const { outcome } = await parse(
        await workbook({ employer: { 5: 0, 6: '-', 7: '—' }, employees: [] }),
      );
      expect(outcome).toMatchObject({ status: 'ACCEPTED', remoteEmployees: 0, issues: [] });
    });

    it('should only warn when the name differs', async () => {
      const { outcome } = await parse(
        await workbook({ employer: { 4: 'ООО «Лютик»' }, employees: [employee] }),
      );
      expect(outcome.status).toBe('ACCEPTED');
      expect(places(outcome.issues)).toEqual(['WARNING NAME_MISMATCH Сведения о работодателе!D4']);
      expect(outcome.issues[0].message).toBe(
        'Полное наименование «ООО «Лютик»» не совпадает с наименованием организации «ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ «РОМАШКА»»',
      );
    });

    it('should only warn when the optional contact phone is not a phone', async () => {
      const { outcome } = await parse(
        await workbook({ employer: { 8: 'звонить секретарю' }, employees: [employee] }),
      );
      expect(outcome.status).toBe('ACCEPTED');
      expect(places(outcome.issues)).toEqual(['WARNING PHONE_INVALID Сведения о работодателе!D8']);
    });
  });

  describe('sheets', () => {
    const employees = [[1, '+79161234567', null, null, null, null, null]];

    it('should find sheets whatever their case and spacing', async () => {
      const { outcome } = await parse(
        await workbook({
          employees,
          sheetNames: [' сведения  о работодателе ', 'СВЕДЕНИЯ О РАБОТНИКАХ', 'Пример'],
        }),
      );
      expect(outcome).toMatchObject({ status: 'ACCEPTED', rowsAccepted: 1, issues: [] });
    });

    it('should take sheets by position with a warning when the names are unknown', async () => {
      const { outcome, rows } = await parse(
        await workbook({ employees, sheetNames: ['Лист1', 'Лист2'] }),
      );
      expect(outcome.status).toBe('ACCEPTED');
      expect(places(outcome.issues)).toEqual([
        'WARNING SHEET_BY_POSITION Лист1!',
        'WARNING SHEET_BY_POSITION Лист2!',
      ]);
      expect(rows[0].issues).toEqual([]);
    });

    it('should reject with SHEET_MISSING when the employee sheet is absent', async () => {
      const { outcome } = await parse(
        await workbook({ employees, sheetNames: ['Сведения о работодателе'] }),
      );
      expect(outcome).toMatchObject({ status: 'REJECTED', rejectionCode: 'SHEET_MISSING' });
      expect(places(outcome.issues)).toEqual(['ERROR SHEET_MISSING Сведения о работниках!']);
    });

    it('should not read the «Пример» sheet as employee data when the employee sheet is absent', async () => {
      const { outcome, rows } = await parse(
        await workbook({ employees, sheetNames: ['Сведения о работодателе', ' пример '] }),
      );
      expect(outcome).toMatchObject({ status: 'REJECTED', rejectionCode: 'SHEET_MISSING' });
      expect(places(outcome.issues)).toEqual(['ERROR SHEET_MISSING Сведения о работниках!']);
      expect(rows).toEqual([]);
    });

    it('should not read the «Пример» sheet as the employer sheet when that is absent', async () => {
      const { outcome, rows } = await parse(
        await workbook({ employees, sheetNames: ['Пример', 'Сведения о работниках'] }),
      );
      expect(outcome).toMatchObject({ status: 'REJECTED', rejectionCode: 'SHEET_MISSING' });
      expect(places(outcome.issues)).toEqual(['ERROR SHEET_MISSING Сведения о работодателе!']);
      expect(rows).toEqual([]);
    });

    it('should read sheet 1 first when the file stores the employee sheet first', async () => {
      const original = await workbook({ employees, employer: { 2: '7707083893' } });
      const entries = await readZipEntries(original);
      const order = ['xl/worksheets/sheet2.xml', 'xl/worksheets/sheet1.xml'];
      const reordered = [
        ...order.map((name) => entries.find((entry) => entry.name === name)!),
        ...entries.filter(
          (entry) => !order.includes(entry.name) && entry.name !== 'xl/sharedStrings.xml',
        ),
        ...entries.filter((entry) => entry.name === 'xl/sharedStrings.xml'),
      ];
      const { outcome, batches } = await parse(file(buildZip(reordered)));
      expect(outcome.rejectionCode).toBe('INN_MISMATCH');
      expect(batches).toEqual([]);

      const valid = await readZipEntries(await workbook({ employees }));
      const validReordered = [
        ...valid.filter((entry) => entry.name === 'xl/worksheets/sheet2.xml'),
        ...valid.filter((entry) => entry.name !== 'xl/worksheets/sheet2.xml'),
      ];
      const second = await parse(file(buildZip(validReordered)));
      expect(second.outcome).toMatchObject({ status: 'ACCEPTED', rowsAccepted: 1 });
    });
  });

  describe('employee rows', () => {
    it('should stop at the first empty row and ignore a pre-filled serial number', async () => {
      const { outcome, rows } = await parse(
        await workbook({
          employer: { 5: 3, 6: 2, 7: 1 },
          employees: [
            [1, '+79161234567'],
            [2, '+79161234568'],
            [3, null, null, null, null, null, null],
            [4, '+79161234569'],
          ],
          extraRows: [[40, [40, '+79161234570']]],
        }),
      );
      expect(outcome).toMatchObject({ status: 'ACCEPTED', rowsTotal: 2, issues: [] });
      expect(rows.map((row) => row.rowNumber)).toEqual([2, 3]);
    });

    it('should use cached formula results, join rich text and refuse cells without a value', async () => {
      const { rows } = await parse(
        await workbook({
          employees: [
            [1, { formula: '"+7 916 555 44 33"', result: '+7 916 555 44 33' }, { formula: 'A1' }],
            [
              2,
              { richText: [{ text: '+7 916 ' }, { text: '555 44 34' }] },
              null,
              { error: '#N/A' },
            ],
            // A 19-digit card typed as a number: Excel keeps a double, the last digits are gone.
            [3, '+79165554435', null, 1234.5, null, Number('9643107890123456789')],
          ],
        }),
      );
      expect(rows.map((row) => [row.phone, row.accepted, places(row.issues)])).toEqual([
        ['+79165554433', false, ['ERROR PLATE_INVALID Сведения о работниках!C2']],
        ['+79165554434', false, ['ERROR TROIKA_INVALID Сведения о работниках!D3']],
        [
          '+79165554435',
          false,
          [
            'ERROR TROIKA_INVALID Сведения о работниках!D4',
            'ERROR SOCIAL_CARD_INVALID Сведения о работниках!F4',
          ],
        ],
      ]);
      expect(rows[0].issues[0].message).toBe(
        'Госномер: в ячейке формула «=A1» без вычисленного значения; ожидается значение — пересчитайте и сохраните файл или вставьте значения вместо формул',
      );
      expect(rows[1].issues[0].message).toBe(
        'Номер карты «Тройка»: в ячейке ошибка «#N/A»; ожидается значение',
      );
      expect(rows[2].issues[1].message).toContain('длиннее 15 цифр');
    });

    it('should refuse negative numbers instead of dropping their minus sign', async () => {
      const { rows } = await parse(
        await workbook({ employees: [[1, -9161234567, null, -1234567890]] }),
      );
      expect(places(rows[0].issues)).toEqual([
        'ERROR PHONE_INVALID Сведения о работниках!B2',
        'ERROR TROIKA_INVALID Сведения о работниках!D2',
      ]);
      expect(rows[0].issues[0].message).toBe(
        'Номер мобильного телефона «-9161234567»: в ячейке отрицательное или дробное число, ожидается номер из цифр',
      );
    });

    it('should reject every invalid optional value with its own code', async () => {
      const { rows } = await parse(
        await workbook({
          employees: [
            [1, '+79161234567', 'А000АА77', '4294967296', '1234567890', '12345678', '12a45678901'],
          ],
        }),
      );
      expect(places(rows[0].issues)).toEqual([
        'ERROR PLATE_INVALID Сведения о работниках!C2',
        'ERROR TROIKA_INVALID Сведения о работниках!D2',
        'ERROR STRELKA_INVALID Сведения о работниках!E2',
        'ERROR SOCIAL_CARD_INVALID Сведения о работниках!F2',
        'ERROR TRAVEL_PASS_INVALID Сведения о работниках!G2',
      ]);
    });
  });

  describe('row cap', () => {
    const fiveRows = Array.from({ length: 5 }, (_, index) => [index + 1, `+7916123456${index}`]);

    it('should reject with TOO_MANY_ROWS before handing over any row', async () => {
      const { outcome, batches } = await parse(await workbook({ employees: fiveRows }), {
        maxRows: 3,
        batchSize: 1,
      });
      expect(outcome).toMatchObject({ status: 'REJECTED', rejectionCode: 'TOO_MANY_ROWS' });
      expect(places(outcome.issues)).toEqual(['ERROR TOO_MANY_ROWS Сведения о работниках!']);
      expect(batches).toEqual([]);
    });

    it('should not count rows after the first empty row against the cap', async () => {
      const { outcome } = await parse(
        await workbook({
          employees: fiveRows,
          extraRows: [
            [20, [20, '+79160000020']],
            [21, [21, '+79160000021']],
          ],
        }),
        { maxRows: 5 },
      );
      expect(outcome).toMatchObject({ status: 'ACCEPTED', rowsTotal: 5 });
    });
  });

  describe('unreadable files', () => {
    it('should reject a file that is not a zip', async () => {
      const { outcome, batches } = await parse(file(Buffer.from('ИНН;Телефон\n')));
      expect(outcome).toMatchObject({ status: 'REJECTED', rejectionCode: 'FILE_UNREADABLE' });
      expect(places(outcome.issues)).toEqual(['ERROR FILE_UNREADABLE !']);
      expect(batches).toEqual([]);
    });

    it('should reject malformed sheet XML', async () => {
      const entries = await readZipEntries(LIBREOFFICE_FIXTURE);
      const broken = entries.map((entry) =>
        entry.name === 'xl/worksheets/sheet2.xml'
          ? { ...entry, data: entry.data.toString('utf8').replace('</c></row>', '</row></c>') }
          : entry,
      );
      const { outcome } = await parse(file(buildZip(broken)));
      expect(outcome).toMatchObject({ status: 'REJECTED', rejectionCode: 'FILE_UNREADABLE' });
    });

    it('should reject a zip bomb before reading any sheet', async () => {
      const entries = await readZipEntries(LIBREOFFICE_FIXTURE);
      const bomb = [...entries, { name: 'xl/media/bomb.bin', data: Buffer.alloc(3 * 1024 * 1024) }];
      const { outcome } = await parse(file(buildZip(bomb)), { maxUnpackedBytes: 1024 * 1024 });
      expect(outcome.rejectionCode).toBe('FILE_UNREADABLE');
      expect(outcome.issues[0].message).toContain('слишком большой');
    });
  });

  it('should pass the error of the row sink through', async () => {
    const failure = new Error('database is down');
    await expect(
      parseRemoteWorkReport(
        LIBREOFFICE_FIXTURE,
        { organization: FIXTURE_ORGANIZATION, maxRows: 100, maxUnpackedBytes: 1024 * 1024 },
        () => Promise.reject(failure),
      ),
    ).rejects.toBe(failure);
  });

  // A 255 KiB file is inspected in memory, but its 10 000-row sheet is too big to go to the reader
  // stored: it is copied deflated from the in-memory zip.
  it('should read every row of a small file whose sheet inflates past the stored-part size', async () => {
    const filePath = temp.path('ten-thousand.xlsx');
    await writeBenchWorkbook(filePath, 10_000);
    const { outcome, rows } = await parse(filePath, {
      organization: BENCH_ORGANIZATION,
      maxRows: 10_000,
    });
    expect(outcome).toMatchObject({ status: 'ACCEPTED', rowsTotal: 10_000, rowsAccepted: 10_000 });
    expect(rows.map((row) => row.rowNumber)).toEqual(
      Array.from({ length: 10_000 }, (_, i) => i + 2),
    );
    expect(new Set(rows.map((row) => row.phone)).size).toBe(10_000);
  }, 30000);

  // exceljs 4.4.0 decodes every chunk of XML on its own, so a UTF-8 character split between two
  // chunks becomes U+FFFD; patches/exceljs+4.4.0.patch fixes it. This fails if the patch is lost.
  it('should read 20 000 rows of Cyrillic text without a single U+FFFD', async () => {
    const filePath = temp.path('cyrillic.xlsx');
    const writer = new excelStream.xlsx.WorkbookWriter({
      filename: filePath,
      useSharedStrings: false,
    });
    const employer = writer.addWorksheet('Сведения о работодателе');
    employer.addRow(['Показатель']).commit();
    const values = [
      FIXTURE_ORGANIZATION.inn,
      FIXTURE_ORGANIZATION.ogrn,
      FIXTURE_ORGANIZATION.fullName,
      20000,
      20000,
      0,
    ];
    for (const value of values) {
      employer.addRow([null, null, null, value]).commit();
    }
    employer.commit();
    const sheet = writer.addWorksheet('Сведения о работниках');
    sheet.addRow(['№ п/п']).commit();
    const letters = 'АВЕКМНОРСТУХ';
    for (let index = 0; index < 20000; index++) {
      const plate = `${letters[index % 12]}${String((index % 999) + 1).padStart(3, '0')}${letters[(index >> 2) % 12]}${letters[(index >> 4) % 12]}${77 + (index % 3) * 100}`;
      sheet
        .addRow([
          index + 1,
          `+7916${String(index).padStart(7, '0')}`,
          plate,
          null,
          null,
          null,
          null,
          `Сотрудник Иванов Иван Иванович, отдел «Расчёты» № ${index}`,
        ])
        .commit();
    }
    sheet.commit();
    await writer.commit();

    const { outcome, rows } = await parse(filePath, { maxRows: 200_000 });
    expect(outcome).toMatchObject({ status: 'ACCEPTED', rowsAccepted: 20000 });
    expect(rows.filter((row) => row.raw.vehiclePlate?.includes('\ufffd'))).toEqual([]);

    let corrupted = 0;
    const reader = new excelStream.xlsx.WorkbookReader(filePath, {});
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        for (const value of row.values as unknown[]) {
          if (typeof value === 'string' && value.includes('\ufffd')) {
            corrupted++;
          }
        }
      }
    }
    expect(corrupted).toBe(0);
  }, 30000);
});
