import { open as openFile, readFile, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import * as yauzl from 'yauzl';

// An uploaded workbook is hostile until proven otherwise. Before any xlsx library sees it, every
// zip entry is inflated once here through a byte counter (zip bombs, including ones whose headers
// lie about their size), every XML part is scanned for DTDs (entity expansion), and the workbook
// index is read to learn which part holds which sheet. The parser then feeds the streaming reader
// only the parts it needs, re-wrapped by zip-repack.stream.ts, never the original file.
//
//
// A small file (most reports have a few rows) is inspected in memory: read with one call,
// inflated synchronously with the same byte counter (zlib's `maxOutputLength`), and its parts
// kept inflated, so the reader gets them stored and inflates nothing again. For a 7 KB workbook
// that is a fifth of the cost of a stream and an inflate job per part. A file that turns out to
// inflate to more than that path keeps in memory is inspected again as a stream.
//
// The streaming reader ignores <dimension>, <mergeCells> and <dataValidations>, so absurd ranges
// there cost nothing; only the non-streaming reader (never used on uploads) would build them.

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const MAX_ENTRIES = 10_000;
// workbook.xml and its relationships are read whole; real ones are a few kilobytes.
const MAX_INDEX_PART_BYTES = 4 * 1024 * 1024;
const WORKBOOK_PART = 'xl/workbook.xml';
const WORKBOOK_RELS_PART = 'xl/_rels/workbook.xml.rels';
const RELATIONSHIP_TYPE_BASE = '/relationships/';
const DTD_MARKERS = [Buffer.from('<!DOCTYPE'), Buffer.from('<!ENTITY')];
const ROW_TAG = Buffer.from('<row');
// Longest pattern minus one: enough bytes carried between chunks to see a split marker.
const CARRY_BYTES = 9;
const ROW_TAG_ENDINGS = new Set([0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f]);
// Files up to this size are inspected in memory, as long as all their parts together inflate to
// at most this much.
const IN_MEMORY = { maxFileBytes: 1024 * 1024, maxInflatedBytes: 16 * 1024 * 1024 };
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;

const MESSAGE_NOT_XLSX =
  'Файл не является книгой Excel (.xlsx) или повреждён: сохраните его в Excel или LibreOffice как «Книга Excel (.xlsx)» и загрузите снова';
const MESSAGE_ENCRYPTED =
  'Файл защищён паролем или сохранён в старом формате Excel 97–2003 (.xls): ожидается книга Excel (.xlsx) без пароля';
const MESSAGE_DTD =
  'Файл содержит объявления DTD или сущностей XML (<!DOCTYPE>, <!ENTITY>): ожидается обычная книга Excel (.xlsx), сохранённая в Excel или LibreOffice';

export interface XlsxSheet {
  // The tab name as the user sees it.
  name: string;
  // The zip part holding the sheet, e.g. `xl/worksheets/sheet1.xml`.
  partPath: string;
  // False for chart sheets and other non-cell sheets.
  isWorksheet: boolean;
}

export interface XlsxPartInfo {
  path: string;
  compressionMethod: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
}

export type XlsxInspection =
  { readable: true; pkg: XlsxPackage } | { readable: false; message: string };

export interface XlsxInspectionLimits {
  maxUnpackedBytes: number;
  // When a file is inspected in memory (see above); 1 MiB files inflating to 16 MiB by default.
  inMemory?: { maxFileBytes: number; maxInflatedBytes: number };
}

// An inspected xlsx whose zip stays open so that its parts can be streamed; close it after use.
export class XlsxPackage {
  constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: ReadonlyMap<string, yauzl.Entry>,
    // Sheets in workbook (tab) order.
    readonly sheets: readonly XlsxSheet[],
    readonly sharedStringsPart: string | null,
    private readonly rowTags: ReadonlyMap<string, number>,
    // Every part inflated, when the package was inspected in memory.
    private readonly inflated: ReadonlyMap<string, Buffer> | null = null,
  ) {}

  // The part's inflated bytes if the package was inspected in memory; null otherwise.
  inflatedPart(path: string): Buffer | null {
    return this.inflated?.get(path) ?? null;
  }

  part(path: string): XlsxPartInfo | null {
    const entry = this.entries.get(path);
    if (!entry) {
      return null;
    }
    return {
      path,
      compressionMethod: entry.compressionMethod,
      crc32: entry.crc32,
      compressedSize: entry.compressedSize,
      uncompressedSize: entry.uncompressedSize,
    };
  }

  // How many `<row` tags a worksheet part holds: an upper bound of the rows a reader emits.
  rowTagCount(path: string): number {
    return this.rowTags.get(path) ?? 0;
  }

  // The part's bytes exactly as stored in the zip (still deflated).
  openRaw(path: string): Promise<Readable> {
    const entry = this.entries.get(path);
    if (!entry) {
      return Promise.reject(new Error(`No part ${path} in the package`));
    }
    return openEntryStream(this.zip, entry, { decodeFileData: false });
  }

  close(): void {
    if (this.zip.isOpen) {
      this.zip.close();
    }
  }
}

// Opens an uploaded file as xlsx and checks it is safe to stream: a zip (not an encrypted OLE
// file), no encrypted entries, only stored or deflated entries, at most `maxUnpackedBytes` once
// inflated (counted while inflating, headers are not trusted), no DTD in any XML part, and a
// workbook index naming its sheets. File-system errors are thrown (the caller retries); a bad
// file is a `{ readable: false }` verdict with a Russian message.
export async function inspectXlsxPackage(
  filePath: string,
  limits: XlsxInspectionLimits,
): Promise<XlsxInspection> {
  const inMemory = limits.inMemory ?? IN_MEMORY;
  if ((await stat(filePath)).size <= inMemory.maxFileBytes) {
    const bytes = await readFile(filePath);
    const inspection = await inspect(
      bytes,
      () => fromBuffer(bytes),
      (zip) => inspectInMemory(zip, bytes, limits.maxUnpackedBytes, inMemory.maxInflatedBytes),
    );
    if (inspection !== TOO_BIG_FOR_MEMORY) {
      return inspection;
    }
  }
  return inspect(
    await readSignature(filePath),
    () => openZip(filePath),
    (zip) => inspectOpenZip(zip, limits),
  );
}

// Thrown inside this file only, to stop the inspection with a user-facing verdict.
class UnreadablePackage extends Error {}

// The in-memory inspection gave up: the parts inflate to more than it keeps.
const TOO_BIG_FOR_MEMORY = Symbol('TOO_BIG_FOR_MEMORY');

async function inspect<T extends XlsxPackage | typeof TOO_BIG_FOR_MEMORY>(
  signature: Buffer,
  open: () => Promise<yauzl.ZipFile>,
  inspectZip: (zip: yauzl.ZipFile) => Promise<T>,
): Promise<XlsxInspection | Exclude<T, XlsxPackage>> {
  if (signature.subarray(0, OLE_SIGNATURE.length).equals(OLE_SIGNATURE)) {
    return { readable: false, message: MESSAGE_ENCRYPTED };
  }
  if (!signature.subarray(0, ZIP_SIGNATURE.length).equals(ZIP_SIGNATURE)) {
    return { readable: false, message: MESSAGE_NOT_XLSX };
  }
  let zip: yauzl.ZipFile;
  try {
    zip = await open();
  } catch (error) {
    if (isSystemError(error)) {
      throw error;
    }
    return { readable: false, message: MESSAGE_NOT_XLSX };
  }
  try {
    const pkg = await inspectZip(zip);
    if (!(pkg instanceof XlsxPackage)) {
      zip.close();
      return pkg as Exclude<T, XlsxPackage>;
    }
    return { readable: true, pkg };
  } catch (error) {
    zip.close();
    if (error instanceof UnreadablePackage) {
      return { readable: false, message: error.message };
    }
    if (isSystemError(error)) {
      throw error;
    }
    // yauzl reports corrupt data (bad deflate stream, sizes that do not match) as plain errors.
    return { readable: false, message: MESSAGE_NOT_XLSX };
  }
}

// The same checks as inspectOpenZip, on a file held in memory: each entry is inflated in one
// synchronous call that stops at the remaining budget, so a bomb costs at most that much.
async function inspectInMemory(
  zip: yauzl.ZipFile,
  bytes: Buffer,
  maxUnpackedBytes: number,
  maxInflatedBytes: number,
): Promise<XlsxPackage | typeof TOO_BIG_FOR_MEMORY> {
  const entries = await readEntries(zip);
  checkDeclaredSize(entries, maxUnpackedBytes);
  let remaining = maxUnpackedBytes;
  let inMemory = maxInflatedBytes;
  const rowTags = new Map<string, number>();
  const inflated = new Map<string, Buffer>();
  for (const [path, entry] of entries) {
    const cap = Math.min(remaining, inMemory);
    const content = inflateEntry(bytes, entry, cap);
    if (content === null) {
      if (cap === remaining) {
        throw new UnreadablePackage(tooLargeMessage(maxUnpackedBytes));
      }
      return TOO_BIG_FOR_MEMORY;
    }
    remaining -= content.length;
    inMemory -= content.length;
    const scanner = new PartScanner(path);
    scanner.scan(content);
    if (scanner.rowTags > 0) {
      rowTags.set(path, scanner.rowTags);
    }
    inflated.set(path, content);
  }
  const index = readIndex(entries, inflated);
  return new XlsxPackage(zip, entries, index.sheets, index.sharedStringsPart, rowTags, inflated);
}

// An entry's inflated bytes, or null when they would exceed `cap`. Sizes are checked against the
// central directory, as yauzl's validateEntrySizes does on the streaming path.
function inflateEntry(bytes: Buffer, entry: yauzl.Entry, cap: number): Buffer | null {
  const at = entry.relativeOffsetOfLocalHeader;
  if (at + LOCAL_HEADER_BYTES > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER_SIGNATURE) {
    throw new UnreadablePackage(MESSAGE_NOT_XLSX);
  }
  const start = at + LOCAL_HEADER_BYTES + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) {
    throw new UnreadablePackage(MESSAGE_NOT_XLSX);
  }
  const data = bytes.subarray(start, end);
  let content: Buffer;
  if (entry.compressionMethod === 0) {
    content = data;
  } else {
    try {
      content = inflateRawSync(data, { maxOutputLength: Math.max(1, cap) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        return null;
      }
      throw new UnreadablePackage(MESSAGE_NOT_XLSX);
    }
  }
  if (content.length > cap) {
    return null;
  }
  if (content.length !== entry.uncompressedSize) {
    throw new UnreadablePackage(MESSAGE_NOT_XLSX);
  }
  return content;
}

async function inspectOpenZip(
  zip: yauzl.ZipFile,
  limits: XlsxInspectionLimits,
): Promise<XlsxPackage> {
  const entries = await readEntries(zip);
  checkDeclaredSize(entries, limits.maxUnpackedBytes);

  const budget = { remaining: limits.maxUnpackedBytes };
  const rowTags = new Map<string, number>();
  const indexParts = new Map<string, Buffer>();
  for (const [path, entry] of entries) {
    const scan = await inflateAndScan(zip, entry, budget, limits.maxUnpackedBytes);
    if (scan.rowTags > 0) {
      rowTags.set(path, scan.rowTags);
    }
    if (scan.content) {
      indexParts.set(path, scan.content);
    }
  }

  const index = readIndex(entries, indexParts);
  return new XlsxPackage(zip, entries, index.sheets, index.sharedStringsPart, rowTags);
}

function checkDeclaredSize(
  entries: ReadonlyMap<string, yauzl.Entry>,
  maxUnpackedBytes: number,
): void {
  let declared = 0;
  for (const entry of entries.values()) {
    declared += entry.uncompressedSize;
  }
  if (declared > maxUnpackedBytes) {
    throw new UnreadablePackage(tooLargeMessage(maxUnpackedBytes));
  }
}

// The sheets and the shared strings part, from the workbook index and its relationships.
function readIndex(
  entries: ReadonlyMap<string, yauzl.Entry>,
  parts: ReadonlyMap<string, Buffer>,
): { sheets: XlsxSheet[]; sharedStringsPart: string | null } {
  const workbookXml = parts.get(WORKBOOK_PART);
  if (!workbookXml) {
    throw new UnreadablePackage(
      'В файле нет книги Excel (xl/workbook.xml): ожидается книга Excel (.xlsx)',
    );
  }
  const relationshipsXml = parts.get(WORKBOOK_RELS_PART);
  if (relationshipsXml && relationshipsXml.length > MAX_INDEX_PART_BYTES) {
    throw new UnreadablePackage(MESSAGE_NOT_XLSX);
  }
  if (workbookXml.length > MAX_INDEX_PART_BYTES) {
    throw new UnreadablePackage(MESSAGE_NOT_XLSX);
  }
  const relationships = parseRelationships(relationshipsXml);
  const sheets = parseSheets(workbookXml.toString('utf8'), relationships, entries);
  const sharedStrings = relationships.find((rel) => rel.type === 'sharedStrings');
  const sharedStringsPart =
    sharedStrings && entries.has(sharedStrings.partPath) ? sharedStrings.partPath : null;
  return { sheets, sharedStringsPart };
}

async function readEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  if (zip.entryCount > MAX_ENTRIES) {
    throw new UnreadablePackage(MESSAGE_NOT_XLSX);
  }
  const entries = new Map<string, yauzl.Entry>();
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith('/')) {
      continue;
    }
    if (entry.isEncrypted()) {
      throw new UnreadablePackage(MESSAGE_ENCRYPTED);
    }
    // Two entries with one name are read differently by different zip readers.
    if (entries.has(entry.fileName) || ![0, 8].includes(entry.compressionMethod)) {
      throw new UnreadablePackage(MESSAGE_NOT_XLSX);
    }
    entries.set(entry.fileName, entry);
  }
  return entries;
}

interface EntryScan {
  rowTags: number;
  content: Buffer | null;
}

async function inflateAndScan(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  budget: { remaining: number },
  maxUnpackedBytes: number,
): Promise<EntryScan> {
  const path = entry.fileName;
  const keep = path === WORKBOOK_PART || path === WORKBOOK_RELS_PART;
  const kept: Buffer[] = [];
  let keptBytes = 0;
  const scanner = new PartScanner(path);

  const stream = await openEntryStream(zip, entry, {});
  for await (const data of stream) {
    const chunk = data as Buffer;
    budget.remaining -= chunk.length;
    if (budget.remaining < 0) {
      throw new UnreadablePackage(tooLargeMessage(maxUnpackedBytes));
    }
    scanner.scan(chunk);
    if (keep) {
      keptBytes += chunk.length;
      if (keptBytes > MAX_INDEX_PART_BYTES) {
        throw new UnreadablePackage(MESSAGE_NOT_XLSX);
      }
      kept.push(chunk);
    }
  }
  return { rowTags: scanner.rowTags, content: keep ? Buffer.concat(kept) : null };
}

// Scans one part, given whole or chunk by chunk: an XML part must be UTF-8 without a DTD, and a
// worksheet's `<row` tags are counted. Markers split between chunks are found through the bytes
// carried over.
class PartScanner {
  rowTags = 0;
  private readonly isXml: boolean;
  private readonly countsRows: boolean;
  private carry = Buffer.alloc(0);
  private first = true;

  constructor(path: string) {
    this.isXml = /\.(xml|rels|vml)$/i.test(path);
    this.countsRows = path.startsWith('xl/worksheets/') && this.isXml;
  }

  scan(chunk: Buffer): void {
    if (!this.isXml) {
      return;
    }
    if (this.first) {
      this.first = false;
      // The reader decodes every part as UTF-8; a UTF-16 part would also hide its DTD from the scan.
      if (chunk.length >= 2 && (chunk[0] === 0 || chunk[1] === 0 || chunk[0] >= 0xfe)) {
        throw new UnreadablePackage(MESSAGE_NOT_XLSX);
      }
    }
    const carried = this.carry.length;
    const window = carried > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    if (DTD_MARKERS.some((marker) => window.includes(marker))) {
      throw new UnreadablePackage(MESSAGE_DTD);
    }
    if (this.countsRows) {
      this.rowTags += countRowTags(window, carried);
    }
    this.carry = Buffer.from(window.subarray(Math.max(0, window.length - CARRY_BYTES)));
  }
}

// Counts `<row` followed by whitespace, `>` or `/`; a match lying wholly inside the carried bytes
// was counted with the previous chunk, and one whose next byte is not here yet with the next.
function countRowTags(window: Buffer, carried: number): number {
  let count = 0;
  let at = window.indexOf(ROW_TAG);
  while (at !== -1) {
    const end = at + ROW_TAG.length;
    if (end < window.length && end + 1 > carried && ROW_TAG_ENDINGS.has(window[end])) {
      count++;
    }
    at = window.indexOf(ROW_TAG, at + 1);
  }
  return count;
}

interface Relationship {
  id: string;
  type: string;
  partPath: string;
}

function parseRelationships(xml: Buffer | undefined): Relationship[] {
  if (!xml) {
    throw new UnreadablePackage(MESSAGE_NOT_XLSX);
  }
  const relationships: Relationship[] = [];
  for (const match of xml.toString('utf8').matchAll(/<(?:[\w.-]+:)?Relationship\s([^>]*)>/g)) {
    const attributes = parseAttributes(match[1]);
    const target = attributes.get('Target');
    if (!target || attributes.get('TargetMode') === 'External') {
      continue;
    }
    const type = attributes.get('Type') ?? '';
    relationships.push({
      id: attributes.get('Id') ?? '',
      type: type.slice(type.lastIndexOf(RELATIONSHIP_TYPE_BASE) + RELATIONSHIP_TYPE_BASE.length),
      partPath: resolvePartPath(target),
    });
  }
  return relationships;
}

function parseSheets(
  workbookXml: string,
  relationships: readonly Relationship[],
  entries: ReadonlyMap<string, yauzl.Entry>,
): XlsxSheet[] {
  const sheets: XlsxSheet[] = [];
  for (const match of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\s([^>]*)>/g)) {
    const attributes = parseAttributes(match[1]);
    // The relationship id attribute is namespaced (`r:id`, whatever the prefix).
    const relationshipId = [...attributes].find(([name]) => /^[\w.-]+:id$/.test(name))?.[1];
    const relationship = relationships.find((rel) => rel.id === relationshipId);
    if (!relationship || !entries.has(relationship.partPath)) {
      throw new UnreadablePackage(MESSAGE_NOT_XLSX);
    }
    sheets.push({
      name: attributes.get('name') ?? '',
      partPath: relationship.partPath,
      isWorksheet: relationship.type === 'worksheet',
    });
  }
  return sheets;
}

function parseAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attributes.set(match[1], decodeXmlText(match[2] ?? match[3] ?? ''));
  }
  return attributes;
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? parseInt(name.slice(2), 16)
          : parseInt(name.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return XML_ENTITIES[name] ?? whole;
  });
}

// Targets in xl/_rels/workbook.xml.rels are relative to xl/, or absolute from the package root.
function resolvePartPath(target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // Not percent-encoded after all: use it as written.
  }
  return decoded.startsWith('/')
    ? posix.normalize(decoded.slice(1))
    : posix.normalize(posix.join('xl', decoded));
}

function tooLargeMessage(maxUnpackedBytes: number): string {
  const megabytes = Math.floor(maxUnpackedBytes / (1024 * 1024));
  return `Файл слишком большой в распакованном виде (больше ${megabytes} МБ): ожидается отчёт не больше ${megabytes} МБ после распаковки; удалите лишние листы, рисунки и пустые отформатированные строки`;
}

async function readSignature(filePath: string): Promise<Buffer> {
  const handle = await openFile(filePath, 'r');
  try {
    const buffer = Buffer.alloc(OLE_SIGNATURE.length);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const ZIP_OPTIONS: yauzl.Options = {
  lazyEntries: true,
  autoClose: false,
  validateEntrySizes: true,
  decodeStrings: true,
};

function openZip(filePath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(filePath, ZIP_OPTIONS, (error, zip) => (error ? reject(error) : resolve(zip)));
  });
}

function fromBuffer(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, ZIP_OPTIONS, (error, zip) => (error ? reject(error) : resolve(zip)));
  });
}

function openEntryStream(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  options: yauzl.ZipFileOptions,
): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, options, (error, stream) =>
      error ? reject(error) : resolve(stream),
    );
  });
}

// Node's own I/O errors carry a code such as ENOENT or EIO; yauzl's format errors do not.
function isSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
