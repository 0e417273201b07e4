import { Workbook } from 'exceljs';
import { makeTempDir } from '../../../../test/fixtures/report-workbook.builder';
import { readZipEntries, readZipText } from '../../../../test/fixtures/zip-fixture.builder';
import { ReportIssueCode } from './report-issue.model';
import {
  neutralizeFormula,
  ResultWorkbookRow,
  ResultWorkbookSummary,
  SUMMARY_SHEET_NAME,
  writeResultWorkbook,
} from './result-workbook.writer';

const SUMMARY: ResultWorkbookSummary = {
  status: 'PARTIALLY_ACCEPTED',
  reportingWeek: '10.02.2025–16.02.2025',
  totalEmployees: 20,
  remoteEmployees: 9,
  rowsTotal: 2,
  rowsAccepted: 1,
  rowsRejected: 1,
  issues: [
    {
      severity: 'WARNING',
      code: ReportIssueCode.COUNT_MISMATCH,
      sheet: 'Сведения о работодателе',
      row: 6,
      column: 'D',
      message: 'Численность переведённых на дистанционный режим 9, а принято строк о работниках 1',
    },
  ],
};

const ROWS: ResultWorkbookRow[] = [
  {
    rowNumber: 2,
    accepted: true,
    phone: '+79161234567',
    vehiclePlate: 'А123ВС77',
    troika: '0012345678',
    strelka: null,
    socialCard: null,
    travelPass: null,
    raw: {
      serialNumber: '1',
      phone: '89161234567',
      vehiclePlate: 'A123BC77',
      troika: '12345678',
      strelka: '-',
      socialCard: null,
      travelPass: null,
    },
    issues: [
      { severity: 'WARNING', column: 'D', message: 'Номер карты «Тройка» 12345678: восстановлен' },
    ],
  },
  {
    rowNumber: 3,
    accepted: false,
    phone: null,
    vehiclePlate: null,
    troika: null,
    strelka: null,
    socialCard: null,
    travelPass: null,
    raw: {
      serialNumber: '2',
      phone: "=cmd|' /C calc'!A0",
      vehiclePlate: '@SUM(1+1)',
      troika: null,
      strelka: null,
      socialCard: null,
      travelPass: null,
    },
    issues: [
      { severity: 'ERROR', column: 'B', message: "Телефон «=cmd|' /C calc'!A0»: ожидается номер" },
      { severity: 'ERROR', column: 'C', message: 'Госномер «@SUM(1+1)»: ожидается номер' },
    ],
  },
];

async function* streamed<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

describe(writeResultWorkbook.name, () => {
  const temp = makeTempDir();
  const filePath = temp.path('result.xlsx');
  const workbook = new Workbook();

  beforeAll(async () => {
    await writeResultWorkbook(filePath, SUMMARY, streamed(ROWS));
    await workbook.xlsx.readFile(filePath);
  });
  afterAll(() => temp.remove());

  it('should write the summary sheet first with status, week, counts and sheet-1 issues', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      SUMMARY_SHEET_NAME,
      'Сведения о работниках',
    ]);
    const sheet = workbook.getWorksheet(SUMMARY_SHEET_NAME)!;
    const facts = [3, 4, 5, 6, 7, 8, 9].map((row) => [
      sheet.getCell(row, 1).value,
      sheet.getCell(row, 2).value,
    ]);
    expect(facts).toEqual([
      ['Статус', 'Принят частично'],
      ['Отчётная неделя', '10.02.2025–16.02.2025'],
      ['Общая численность работников', 20],
      ['Переведены на дистанционный режим', 9],
      ['Строк о работниках в файле', 2],
      ['Принято строк', 1],
      ['Отклонено строк', 1],
    ]);
    expect((sheet.getRow(13).values as unknown[]).slice(1)).toEqual([
      'Предупреждение',
      'Сведения о работодателе',
      'D6',
      'COUNT_MISMATCH',
      'Численность переведённых на дистанционный режим 9, а принято строк о работниках 1',
    ]);
  });

  it('should write accepted rows normalised and rejected rows as read, with status and messages', () => {
    const sheet = workbook.getWorksheet('Сведения о работниках')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '№ п/п',
      'Номер мобильного телефона',
      'Государственный регистрационный знак ТС',
      'Номер карты «Тройка»',
      'Номер карты «Стрелка»',
      'Номер социальной карты',
      'Номер проездного билета',
      'Статус',
      'Ошибки',
    ]);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      '1',
      "'+79161234567",
      'А123ВС77',
      '0012345678',
      undefined,
      undefined,
      undefined,
      'Принято',
      'D2 (предупреждение): Номер карты «Тройка» 12345678: восстановлен',
    ]);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([
      '2',
      "'=cmd|' /C calc'!A0",
      "'@SUM(1+1)",
      undefined,
      undefined,
      undefined,
      undefined,
      'Отклонено',
      "B3: Телефон «=cmd|' /C calc'!A0»: ожидается номер\nC3: Госномер «@SUM(1+1)»: ожидается номер",
    ]);
  });

  it('should never write a formula and quote-prefix text that looks like one', async () => {
    const sheet = workbook.getWorksheet('Сведения о работниках')!;
    expect(sheet.getCell('B3').type).toBe(3); // ValueType.String, not Formula (6)
    expect(sheet.getCell('B3').numFmt).toBe('@');
    expect(sheet.getCell('C3').numFmt).toBe('@');
    expect(sheet.getCell('B2').numFmt).toBe('@');
    expect(sheet.getCell('C2').numFmt).toBeUndefined();

    const styles = await readZipText(filePath, 'xl/styles.xml');
    const cellXfs = /<cellXfs[^>]*>(.*)<\/cellXfs>/s.exec(styles)![1];
    const xfs = cellXfs.match(/<xf [^>]*>/g)!;
    const quoted = xfs.filter((xf) => xf.includes('quotePrefix="1"'));
    expect(quoted.length).toBeGreaterThan(0);
    expect(quoted.every((xf) => xf.includes('numFmtId="49"'))).toBe(true);

    const sheetXml = await readZipText(filePath, 'xl/worksheets/sheet2.xml');
    const styleOfB3 = /<c r="B3" s="(\d+)"/.exec(sheetXml)![1];
    expect(xfs[Number(styleOfB3)]).toContain('quotePrefix="1"');
    const parts = await readZipEntries(filePath);
    expect(parts.some((part) => part.data.toString('utf8').includes('<f>'))).toBe(false);
  });

  it('should give formula-looking text a literal leading apostrophe (ASVS 5.0 1.2.10)', () => {
    for (const text of [
      '=1+1',
      '+79161234567',
      '-2+3',
      '@SUM(A1)',
      '\t=1+1',
      '\r=1+1',
      '\n=1+1',
      '\0=1+1',
      '\0',
      '\tplain',
      ' =1+1',
      '   +cmd',
      '\u00a0=1+1',
      '\u3000@A1',
      '\u200b=1+1',
      '\ufeff-1',
      ' \t\0 =HYPERLINK("http://x")',
    ]) {
      expect(neutralizeFormula(text)).toBe(`'${text}`);
    }
    for (const text of ['А123ВС77', '1', 'Принято', ' plain', "'=already", 'a=b', '', '9+1']) {
      expect(neutralizeFormula(text)).toBe(text);
    }
  });
});
