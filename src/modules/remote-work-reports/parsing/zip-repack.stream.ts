import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { XlsxPackage } from './xlsx-package.inspector';

// exceljs' streaming reader walks the zip's local headers front to back (unzipper.Parse), so it
// sees parts in storage order: LibreOffice stores the sheets before the shared strings (exceljs
// then spools every sheet to a temp file) and nothing stops a file from storing the employee
// sheet before the employer sheet. It also trusts local headers, which may disagree with the
// central directory yauzl inspected. So the reader never gets the uploaded file: it gets this
// stream, a new zip holding only the inspected parts it needs, in the order the parser needs them
// (index, shared strings, then the sheets in the order asked), under the names exceljs expects.
// Part data is copied still deflated, so the only cost is the copy. Small parts of a package
// inspected in memory are already inflated and go in stored, so the reader inflates nothing
// again; big ones are copied deflated all the same, because the reader takes a big stored entry
// more slowly than it inflates one (a 10 000-row sheet: about 15 % slower).

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION = 20;
const UTF8_NAMES = 0x0800;
const STORED = 0;
// 1980-01-01, the zip epoch.
const DOS_DATE = 0x21;
const MAX_ZIP32 = 0xffffffff;
// Inflated parts up to this size go in stored.
const STORED_PART_MAX_BYTES = 256 * 1024;

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface RepackedSheet {
  // The part in the uploaded package.
  partPath: string;
  // The name the reader will report for it.
  name: string;
}

// A zip stream with a synthetic workbook index, the package's shared strings (or an empty table,
// so the reader streams sheets instead of spooling them) and the given sheets, in that order.
// A failure while copying (an I/O error) goes to `onError` and ends the stream early instead of
// erroring it: `pipe()` does not forward errors, so an errored source would leave the zip reader
// waiting forever, while an early end makes it fail (FILE_ENDED) and the caller rethrows the cause.
export function repackForStreamingReader(
  pkg: XlsxPackage,
  sheets: readonly RepackedSheet[],
  onError: (error: unknown) => void,
): Readable {
  async function* guarded(): AsyncGenerator<Buffer> {
    try {
      yield* repackedChunks(pkg, sheets);
    } catch (error) {
      onError(error);
    }
  }
  return Readable.from(guarded(), { objectMode: false });
}

interface WrittenEntry {
  name: Buffer;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  offset: number;
}

async function* repackedChunks(
  pkg: XlsxPackage,
  sheets: readonly RepackedSheet[],
): AsyncGenerator<Buffer> {
  const written: WrittenEntry[] = [];
  let offset = 0;

  function* storedEntry(name: string, content: string | Buffer): Generator<Buffer> {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const entry = {
      name: Buffer.from(name, 'utf8'),
      method: STORED,
      crc: crc32(data),
      compressedSize: data.length,
      uncompressedSize: data.length,
      offset,
    };
    const header = localHeader(entry);
    written.push(entry);
    offset += header.length + data.length;
    yield header;
    yield data;
  }

  async function* copiedEntry(name: string, sourcePath: string): AsyncGenerator<Buffer> {
    const inflated = pkg.inflatedPart(sourcePath);
    if (inflated && inflated.length <= STORED_PART_MAX_BYTES) {
      yield* storedEntry(name, inflated);
      return;
    }
    const part = pkg.part(sourcePath);
    if (!part || part.compressedSize >= MAX_ZIP32 || part.uncompressedSize >= MAX_ZIP32) {
      throw new Error(`Cannot repack part ${sourcePath}`);
    }
    const entry = {
      name: Buffer.from(name, 'utf8'),
      method: part.compressionMethod,
      crc: part.crc32,
      compressedSize: part.compressedSize,
      uncompressedSize: part.uncompressedSize,
      offset,
    };
    const header = localHeader(entry);
    written.push(entry);
    offset += header.length + part.compressedSize;
    yield header;
    let copied = 0;
    for await (const chunk of await pkg.openRaw(sourcePath)) {
      copied += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    if (copied !== part.compressedSize) {
      throw new Error(`Part ${sourcePath} changed size while being repacked`);
    }
  }

  yield* storedEntry('xl/_rels/workbook.xml.rels', workbookRelationshipsXml(sheets.length));
  yield* storedEntry('xl/workbook.xml', workbookXml(sheets));
  if (pkg.sharedStringsPart) {
    yield* copiedEntry('xl/sharedStrings.xml', pkg.sharedStringsPart);
  } else {
    yield* storedEntry(
      'xl/sharedStrings.xml',
      `<sst xmlns="${MAIN_NS}" count="0" uniqueCount="0"/>`,
    );
  }
  for (const [index, sheet] of sheets.entries()) {
    yield* copiedEntry(`xl/worksheets/sheet${index + 1}.xml`, sheet.partPath);
  }

  const centralDirectory = Buffer.concat(written.map(centralHeader));
  yield centralDirectory;
  yield endOfCentralDirectory(written.length, centralDirectory.length, offset);
}

function workbookRelationshipsXml(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, index) =>
      `<Relationship Id="rId${index + 1}" Type="${RELATIONSHIPS_NS}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">${sheets.join('')}` +
    `<Relationship Id="rIdStrings" Type="${RELATIONSHIPS_NS}/sharedStrings" Target="sharedStrings.xml"/>` +
    `</Relationships>`
  );
}

function workbookXml(sheets: readonly RepackedSheet[]): string {
  const entries = sheets.map(
    (sheet, index) =>
      `<sheet name="${escapeXml(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${RELATIONSHIPS_NS}">` +
    `<workbookPr date1904="false"/><sheets>${entries.join('')}</sheets></workbook>`
  );
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function localHeader(entry: Omit<WrittenEntry, 'offset'>): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_HEADER, 0);
  header.writeUInt16LE(VERSION, 4);
  header.writeUInt16LE(UTF8_NAMES, 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt16LE(0, 10);
  header.writeUInt16LE(DOS_DATE, 12);
  header.writeUInt32LE(entry.crc, 14);
  header.writeUInt32LE(entry.compressedSize, 18);
  header.writeUInt32LE(entry.uncompressedSize, 22);
  header.writeUInt16LE(entry.name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, entry.name]);
}

function centralHeader(entry: WrittenEntry): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(CENTRAL_HEADER, 0);
  header.writeUInt16LE(VERSION, 4);
  header.writeUInt16LE(VERSION, 6);
  header.writeUInt16LE(UTF8_NAMES, 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt16LE(0, 12);
  header.writeUInt16LE(DOS_DATE, 14);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(entry.compressedSize, 20);
  header.writeUInt32LE(entry.uncompressedSize, 24);
  header.writeUInt16LE(entry.name.length, 28);
  header.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([header, entry.name]);
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  if (offset >= MAX_ZIP32 || count > 0xffff) {
    throw new Error('Repacked workbook exceeds zip32 limits');
  }
  const record = Buffer.alloc(22);
  record.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(size, 12);
  record.writeUInt32LE(offset, 16);
  return record;
}
