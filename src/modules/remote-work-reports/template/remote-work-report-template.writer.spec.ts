import { writeFileSync } from 'node:fs';
import { Workbook } from 'exceljs';
import {
  FIXTURE_ORGANIZATION,
  makeTempDir,
} from '../../../../test/fixtures/report-workbook.builder';
import { parseRemoteWorkReport } from '../parsing/remote-work-report.parser';
import { ParsedEmployeeRow } from '../parsing/remote-work-report.model';
import { buildRemoteWorkReportTemplate } from './remote-work-report-template.writer';

describe(buildRemoteWorkReportTemplate.name, () => {
  const temp = makeTempDir();
  const workbook = new Workbook();
  let buffer: Buffer;

  beforeAll(async () => {
    buffer = await buildRemoteWorkReportTemplate();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  });
  afterAll(() => temp.remove());

  it('should have the three sheets of the spec in order', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Сведения о работодателе',
      'Сведения о работниках',
      'Пример',
    ]);
  });

  it('should lay out the employer sheet with green input cells D2:D8', () => {
    const sheet = workbook.getWorksheet('Сведения о работодателе')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Показатель',
      'Пояснения к заполнению',
      'Пример заполнения',
      'Значение',
    ]);
    expect([2, 3, 4, 5, 6, 7, 8].map((row) => sheet.getCell(row, 1).value)).toEqual([
      'ИНН',
      'ОГРН / ОГРНИП',
      'Полное наименование',
      'Общая численность работников (включая исполнителей по договорам ГПХ)',
      'Численность работников, переведённых на дистанционный режим',
      'Численность работников, не переведённых на дистанционный режим',
      'Контактный телефон',
    ]);
    for (let row = 2; row <= 8; row++) {
      const cell = sheet.getCell(row, 4);
      expect(cell.value).toBeNull();
      expect(cell.fill).toEqual({
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: 'FFC6EFCE' },
      });
      expect(sheet.getCell(row, 2).value).toEqual(expect.any(String));
      expect(sheet.getCell(row, 3).value).toEqual(expect.any(String));
    }
    expect(sheet.getCell('C2').value).toBe('7707083893');
    expect(sheet.getCell('D2').numFmt).toBe('@');
    expect(sheet.getCell('D5').numFmt).toBeUndefined();
  });

  it('should give the employee sheet its header and text-formatted identifier columns', () => {
    const sheet = workbook.getWorksheet('Сведения о работниках')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '№ п/п',
      'Номер мобильного телефона',
      'Государственный регистрационный знак ТС',
      'Номер карты «Тройка»',
      'Номер карты «Стрелка»',
      'Номер социальной карты',
      'Номер проездного билета',
    ]);
    expect(sheet.getColumn(2).numFmt).toBe('@');
    expect(sheet.getColumn(7).numFmt).toBe('@');
    expect(sheet.rowCount).toBe(1);
  });

  it('should explain on «Пример» how to copy a social card number', () => {
    const text = workbook
      .getWorksheet('Пример')!
      .getColumn(1)
      .values.filter((value) => typeof value === 'string')
      .join('\n');
    expect(text).toContain('9643 1078 9012 3456 789 → 9643107890123456789');
  });

  it('should be accepted by the parser once filled in', async () => {
    const filled = new Workbook();
    await filled.xlsx.load(buffer as unknown as ArrayBuffer);
    const employer = filled.getWorksheet('Сведения о работодателе')!;
    const values = [
      FIXTURE_ORGANIZATION.inn,
      FIXTURE_ORGANIZATION.ogrn,
      FIXTURE_ORGANIZATION.fullName,
      3,
      1,
      2,
      '+7 495 500-55-50',
    ];
    values.forEach((value, index) => {
      employer.getCell(index + 2, 4).value = value;
    });
    filled
      .getWorksheet('Сведения о работниках')!
      .addRow([1, '+7 916 123-45-67', 'А123ВС77', '0012345678', '', '', '']);
    const filePath = temp.path('filled.xlsx');
    writeFileSync(filePath, Buffer.from(await filled.xlsx.writeBuffer()));

    const rows: ParsedEmployeeRow[] = [];
    const outcome = await parseRemoteWorkReport(
      filePath,
      { organization: FIXTURE_ORGANIZATION, maxRows: 10, maxUnpackedBytes: 1024 * 1024 },
      (batch) => {
        rows.push(...batch);
        return Promise.resolve();
      },
    );
    expect(outcome).toMatchObject({ status: 'ACCEPTED', rowsAccepted: 1, issues: [] });
    expect(rows[0].troika).toBe('0012345678');
  });
});
