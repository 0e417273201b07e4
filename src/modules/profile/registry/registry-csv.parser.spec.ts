import { parseRegistryCsv, RegistryCsvError } from './registry-csv.parser';

const HEADER = 'snils,passport_series,passport_number,last_name,first_name,middle_name,birth_date';

describe(parseRegistryCsv.name, () => {
  it('should parse and normalise rows (BOM, CRLF, quotes, blank lines)', () => {
    const csv = `\uFEFF${HEADER}\r\n11223344595,45 10,123456,Иванов,"Иван",Иванович,1980-01-01\r\n\r\n,4511,654321,Петров,Пётр,,1990-12-31\r\n`;
    expect(parseRegistryCsv(csv)).toEqual([
      {
        line: 2,
        snils: '112-233-445 95',
        passportSeries: '4510',
        passportNumber: '123456',
        lastName: 'Иванов',
        firstName: 'Иван',
        middleName: 'Иванович',
        birthDate: '1980-01-01',
      },
      {
        line: 4,
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

  it('should read quoted separators, doubled quotes and quoted line breaks', () => {
    const csv = [
      HEADER,
      '11223344595,,,"Иванов, ""младший""","Иван',
      'Иванович",,1980-01-01',
      ',4511,654321,Петров,Пётр,,1990-12-31',
    ].join('\r\n');
    const people = parseRegistryCsv(csv);
    expect(people).toHaveLength(2);
    expect(people[0]).toMatchObject({
      line: 2,
      lastName: 'Иванов, "младший"',
      firstName: 'Иван Иванович',
      middleName: null,
      birthDate: '1980-01-01',
    });
    // The record after a quoted line break starts on line 4 of the file.
    expect(people[1]).toMatchObject({ line: 4, lastName: 'Петров' });
  });

  it('should name the line of a bad row that follows a quoted line break', () => {
    const csv = `${HEADER}\n11223344595,,,"Ива\nнов",Иван,,1980-01-01\n,,,Петров,Пётр,,1990-12-31`;
    expect(() => parseRegistryCsv(csv)).toThrow(/^line 4: a SNILS or a passport is required$/);
  });

  it('should read a semicolon-separated file', () => {
    const csv = `${HEADER.replace(/,/g, ';')}\n11223344595;;;Иванов;Иван;;1980-01-01`;
    expect(parseRegistryCsv(csv)).toEqual([
      expect.objectContaining({ line: 2, lastName: 'Иванов' }),
    ]);
  });

  it('should refuse an unterminated quote naming a line', () => {
    expect(() => parseRegistryCsv(`${HEADER}\n11223344595,,,"Иванов,Иван,,1980-01-01`)).toThrow(
      RegistryCsvError,
    );
  });
});
