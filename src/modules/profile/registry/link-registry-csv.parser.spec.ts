import { parseLinkRegistryCsv } from './link-registry-csv.parser';

const HEADER = 'kind,identifier,proof,last_name,first_name,middle_name,birth_date';

describe('parseLinkRegistryCsv', () => {
  it('should normalise identifiers and proofs as the profile stores them', () => {
    const rows = parseLinkRegistryCsv(
      [
        HEADER,
        'vehicle,а 004 аа 77,77ук 004004,,,,',
        'CHILD,11223344595,112-233-445 95,,,,',
        'OMS_POLICY,7700 0000 0000 0001,,Иванов,Пётр,Андреевич,1985-04-12',
        'DRIVER_LICENSE,77 01 123456,2015-06-01,Иванов,Пётр,,',
      ].join('\n'),
    );
    expect(rows.map(({ kind, identifier, proof }) => [kind, identifier, proof])).toEqual([
      ['VEHICLE', 'А004АА77', '77УК004004'],
      ['CHILD', '112-233-445 95', '112-233-445 95'],
      ['OMS_POLICY', '7700000000000001', null],
      ['DRIVER_LICENSE', '7701123456', '2015-06-01'],
    ]);
    expect(rows[2]).toMatchObject({ lastName: 'Иванов', birthDate: '1985-04-12', line: 4 });
  });

  it('should refuse the whole file on the first bad row, with its line', () => {
    const bad = [HEADER, 'VEHICLE,А004АА77,77УК004004,,,,', 'SHIP,X1,P,,,,'].join('\n');
    expect(() => parseLinkRegistryCsv(bad)).toThrow(/line 3: kind must be one of/);
    expect(() => parseLinkRegistryCsv([HEADER, 'VEHICLE,А004АА77,,,,,'].join('\n'))).toThrow(
      /line 2: proof is required/,
    );
    expect(() => parseLinkRegistryCsv([HEADER, 'OMS_POLICY,1,,Иванов,Пётр,,'].join('\n'))).toThrow(
      /birth_date is required/,
    );
  });

  it('should refuse a file whose header is not the link one', () => {
    expect(() => parseLinkRegistryCsv('kind,identifier\nVEHICLE,А004АА77')).toThrow(
      /header must be/,
    );
  });
});
