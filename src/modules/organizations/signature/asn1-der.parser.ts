// A deliberately small, strict DER reader. @peculiar/x509 decodes names through a CHOICE that has
// no NumericString, so Russian identifiers (SNILS, OGRN, INN) come back as opaque hex; reading the
// few structures we need ourselves keeps the exact string type and avoids importing transitive
// ASN.1 packages that package.json does not declare.

export const DerTag = {
  Integer: 0x02,
  ObjectIdentifier: 0x06,
  Utf8String: 0x0c,
  NumericString: 0x12,
  PrintableString: 0x13,
  TeletexString: 0x14,
  Ia5String: 0x16,
  UniversalString: 0x1c,
  BmpString: 0x1e,
  Sequence: 0x30,
  Set: 0x31,
  ContextConstructed0: 0xa0,
} as const;

export interface DerElement {
  /** The identifier octet (single-byte tags only: enough for X.509 names and signatures). */
  tag: number;
  /** Offset of the identifier octet. */
  start: number;
  /** Offset of the first content octet. */
  contentStart: number;
  /** Offset just past the last content octet. */
  end: number;
}

export class DerParseError extends Error {
  override readonly name = 'DerParseError';
}

// Lengths above 2^24 never occur in the structures we read and would only serve to exhaust memory.
const MAX_LENGTH_OCTETS = 3;

export function readDerElement(
  bytes: Uint8Array,
  offset: number,
  limit = bytes.length,
): DerElement {
  if (offset + 2 > limit) {
    throw new DerParseError('truncated DER element');
  }
  const tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) {
    throw new DerParseError('multi-byte DER tags are not supported');
  }
  let cursor = offset + 1;
  const first = bytes[cursor++];
  let length: number;
  if (first < 0x80) {
    length = first;
  } else {
    const count = first & 0x7f;
    // 0x80 is the BER indefinite form, which DER forbids.
    if (count === 0 || count > MAX_LENGTH_OCTETS || cursor + count > limit) {
      throw new DerParseError('unsupported DER length');
    }
    length = 0;
    for (let i = 0; i < count; i++) {
      length = length * 256 + bytes[cursor++];
    }
    // DER requires the shortest length form.
    if (length < 0x80 || bytes[cursor - count] === 0) {
      throw new DerParseError('non-minimal DER length');
    }
  }
  const end = cursor + length;
  if (end > limit) {
    throw new DerParseError('DER length exceeds the enclosing structure');
  }
  return { tag, start: offset, contentStart: cursor, end };
}

export function readDerChildren(bytes: Uint8Array, parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  let offset = parent.contentStart;
  while (offset < parent.end) {
    const child = readDerElement(bytes, offset, parent.end);
    children.push(child);
    offset = child.end;
  }
  return children;
}

/** Reads one element that must span the whole buffer (no trailing bytes). */
export function readDerRoot(bytes: Uint8Array, expectedTag: number): DerElement {
  const root = readDerElement(bytes, 0);
  if (root.tag !== expectedTag || root.end !== bytes.length) {
    throw new DerParseError('unexpected DER structure');
  }
  return root;
}

export function derContent(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.subarray(element.contentStart, element.end);
}

export function decodeObjectIdentifier(content: Uint8Array): string {
  if (content.length === 0) {
    throw new DerParseError('empty OBJECT IDENTIFIER');
  }
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < content.length; i++) {
    const byte = content[i];
    // A leading 0x80 is a non-minimal arc encoding.
    if (value === 0 && byte === 0x80) {
      throw new DerParseError('non-minimal OBJECT IDENTIFIER arc');
    }
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) {
      throw new DerParseError('OBJECT IDENTIFIER arc too large');
    }
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    } else if (i === content.length - 1) {
      throw new DerParseError('truncated OBJECT IDENTIFIER');
    }
  }
  const first = arcs[0];
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

/**
 * Decodes the string types that appear in X.509 names. Returns null for anything else so the
 * caller can treat an unexpected encoding as a missing value rather than guess.
 */
export function decodeDerString(tag: number, content: Uint8Array): string | null {
  const buffer = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  switch (tag) {
    case DerTag.Utf8String:
      return decodeUtf8(content);
    case DerTag.NumericString:
    case DerTag.PrintableString:
    case DerTag.Ia5String:
      return isAscii(content) ? buffer.toString('latin1') : null;
    case DerTag.TeletexString:
      // T.61 is practically always Latin-1 in the wild; Russian CAs do not use it for Cyrillic.
      return buffer.toString('latin1');
    case DerTag.BmpString:
      return content.length % 2 === 0 ? Buffer.from(buffer).swap16().toString('utf16le') : null;
    case DerTag.UniversalString:
      return decodeUtf32Be(content);
    default:
      return null;
  }
}

function decodeUtf8(content: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return null;
  }
}

function isAscii(content: Uint8Array): boolean {
  return content.every((byte) => byte < 0x80);
}

function decodeUtf32Be(content: Uint8Array): string | null {
  if (content.length % 4 !== 0) {
    return null;
  }
  const codePoints: number[] = [];
  for (let i = 0; i < content.length; i += 4) {
    const codePoint =
      content[i] * 0x1000000 + (content[i + 1] << 16) + (content[i + 2] << 8) + content[i + 3];
    if (codePoint > 0x10ffff) {
      return null;
    }
    codePoints.push(codePoint);
  }
  return String.fromCodePoint(...codePoints);
}
