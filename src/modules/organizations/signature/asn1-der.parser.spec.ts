import {
  DerParseError,
  DerTag,
  decodeDerString,
  decodeObjectIdentifier,
  readDerChildren,
  readDerElement,
  readDerRoot,
} from './asn1-der.parser';

const bytes = (hex: string) => new Uint8Array(Buffer.from(hex.replace(/\s/g, ''), 'hex'));

describe('asn1-der.parser', () => {
  describe(readDerElement.name, () => {
    it('should read short and long definite lengths', () => {
      const short = readDerElement(bytes('0403 010203'), 0);
      const long = bytes(`0481 80 ${'00'.repeat(0x80)}`);

      expect(short).toEqual({ tag: 0x04, start: 0, contentStart: 2, end: 5 });
      expect(readDerElement(long, 0).end).toBe(long.length);
    });

    it('should reject the indefinite length form', () => {
      expect(() => readDerElement(bytes('3080 0000'), 0)).toThrow(DerParseError);
    });

    it('should reject a non-minimal length', () => {
      expect(() => readDerElement(bytes('0481 03 010203'), 0)).toThrow('non-minimal');
      expect(() => readDerElement(bytes(`0482 0080 ${'00'.repeat(0x80)}`), 0)).toThrow(
        'non-minimal',
      );
    });

    it('should reject a length past the end of the data', () => {
      expect(() => readDerElement(bytes('0405 0102'), 0)).toThrow('exceeds');
    });
  });

  describe(readDerRoot.name, () => {
    it('should reject trailing bytes', () => {
      expect(() => readDerRoot(bytes('3000 00'), DerTag.Sequence)).toThrow(DerParseError);
    });

    it('should read the children of a constructed element', () => {
      const data = bytes('3006 020101 020102');
      const children = readDerChildren(data, readDerRoot(data, DerTag.Sequence));

      expect(children.map((child) => child.tag)).toEqual([DerTag.Integer, DerTag.Integer]);
    });
  });

  describe(decodeObjectIdentifier.name, () => {
    it('should decode multi-byte arcs', () => {
      // 1.2.643.100.3 (SNILS) and 1.2.643.3.131.1.1 (INN)
      expect(decodeObjectIdentifier(bytes('2a 8503 64 03'))).toBe('1.2.643.100.3');
      expect(decodeObjectIdentifier(bytes('2a 8503 03 8103 01 01'))).toBe('1.2.643.3.131.1.1');
      expect(decodeObjectIdentifier(bytes('55 04 2a'))).toBe('2.5.4.42');
    });

    it('should reject a truncated or non-minimal arc', () => {
      expect(() => decodeObjectIdentifier(bytes('2a 85'))).toThrow('truncated');
      expect(() => decodeObjectIdentifier(bytes('2a 80 01'))).toThrow('non-minimal');
    });
  });

  describe(decodeDerString.name, () => {
    it('should decode the string types used in X.509 names', () => {
      expect(decodeDerString(DerTag.NumericString, bytes('3132'))).toBe('12');
      expect(decodeDerString(DerTag.PrintableString, bytes('4142'))).toBe('AB');
      expect(decodeDerString(DerTag.Utf8String, Buffer.from('Иванов'))).toBe('Иванов');
      expect(decodeDerString(DerTag.BmpString, bytes('0418 0432'))).toBe('Ив');
      expect(decodeDerString(DerTag.UniversalString, bytes('00000418 00000432'))).toBe('Ив');
    });

    it('should return null for other types and malformed text', () => {
      expect(decodeDerString(DerTag.Integer, bytes('01'))).toBeNull();
      expect(decodeDerString(DerTag.NumericString, bytes('d0b8'))).toBeNull();
      expect(decodeDerString(DerTag.BmpString, bytes('04'))).toBeNull();
      expect(decodeDerString(DerTag.Utf8String, bytes('ff'))).toBeNull();
    });
  });
});
