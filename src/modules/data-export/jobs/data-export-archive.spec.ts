import { Workbook } from 'exceljs';
import * as yauzl from 'yauzl';
import type { PersonalDataSection } from '../../../shared/personal-data';
import { archiveStream, buildWorkbook, WORKBOOK_NAME } from './data-export-archive';

const SECTIONS: PersonalDataSection[] = [
  {
    key: 'vehicles',
    title: 'Транспорт',
    records: [{ plate: 'А123ВС77', createdAt: '2026-01-01T00:00:00.000Z' }],
  },
  { key: 'children', title: 'Дети', records: [] },
  {
    key: 'data-access-log',
    title: 'Журнал доступа к данным',
    records: [{ actor: 'Вы', fields: ['lastName', 'phone'] }],
  },
];

async function toBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function entryNames(zip: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: false }, (error, file) => {
      if (error || !file) {
        return reject(error ?? new Error('no zip'));
      }
      const names: string[] = [];
      file.on('entry', (e: yauzl.Entry) => names.push(e.fileName));
      file.on('end', () => resolve(names));
      file.on('error', reject);
    });
  });
}

describe('data export archive', () => {
  it('should write a summary and one sheet per kind, lists joined and empty kinds said so', async () => {
    const buffer = await buildWorkbook(SECTIONS, new Date('2026-03-01T10:00:00.000Z'));
    const workbook = new Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Сводка',
      'Транспорт',
      'Дети',
      'Журнал доступа к данным',
    ]);
    expect(workbook.getWorksheet('Сводка')!.getRow(2).values).toEqual([
      undefined,
      'Транспорт',
      'vehicles.json',
      1,
    ]);
    expect(workbook.getWorksheet('Транспорт')!.getRow(2).getCell(1).value).toBe('А123ВС77');
    expect(workbook.getWorksheet('Дети')!.getRow(1).getCell(1).value).toBe('Нет данных');
    expect(workbook.getWorksheet('Журнал доступа к данным')!.getRow(2).getCell(2).value).toBe(
      'lastName, phone',
    );
  });

  it('should zip a JSON file per kind and the workbook', async () => {
    const zip = await toBuffer(archiveStream(SECTIONS, Buffer.from('xlsx')));
    expect(await entryNames(zip)).toEqual([
      'vehicles.json',
      'children.json',
      'data-access-log.json',
      WORKBOOK_NAME,
    ]);
  });
});
