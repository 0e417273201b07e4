import { parseRegistryCsv, RegistryCsvError, splitCsvLine } from './registry-csv.parser';

const HEADER = 'snils,passport_series,passport_number,last_name,first_name,middle_name,birth_date';

describe(parseRegistryCsv.name, () => {
  it('should parse and normalise rows (BOM, CRLF, quotes, blank lines)', () => {
    const csv = `\uFEFF${HEADER}\r\n11223344595,45 10,123456,Иванов,"Иван",Иванович,1980-01-01\r\n\r\n,4511,654321,Петров,Пётр,,1990-12-31\r\n`;
    expect(parseRegistryCsv(csv)).toEqual([
      {
        snils: '112-233-445 95',
        passportSeries: '4510',
        passportNumber: '123456',
        lastName: 'Иванов',
        firstName: 'Иван',
        middleName: 'Иванович',
        birthDate: '1980-01-01',
      },
      {
        snils: null,
        passportSeries: '4511',
        passportNumber: '654321',
        lastName: 'Петров',
        firstName: 'Пётр',
        middleName: null,
        birthDate: '1990-12-31',
      },
    ]);
  });

  it('should refuse a wrong header', () => {
    expect(() => parseRegistryCsv('snils,name\n')).toThrow(RegistryCsvError);
  });

  it('should refuse a bad row naming its line', () => {
    const cases = [
      '112-233-445 00,,,Иванов,Иван,,1980-01-01',
      ',,,Иванов,Иван,,1980-01-01',
      '11223344595,,,Иванов,Иван,,01.01.1980',
      '11223344595,45,1,Иванов,Иван,,1980-01-01',
      '11223344595,,,,Иван,,1980-01-01',
    ];
    for (const row of cases) {
      expect(() => parseRegistryCsv(`${HEADER}\n${row}`)).toThrow(/^line 2: /);
    }
  });

  it('should split quoted cells with separators and doubled quotes', () => {
    expect(splitCsvLine('a,"b, ""c""",d')).toEqual(['a', 'b, "c"', 'd']);
  });
});
