import { AccessLevel } from '../../auth';
import { DocumentKind } from '../profile.enums';
import { deriveAccessLevel } from './access-level';

describe(deriveAccessLevel.name, () => {
  const snils = (inForce: boolean) => ({ kind: DocumentKind.SNILS, inForce });
  const passport = (inForce: boolean) => ({ kind: DocumentKind.PASSPORT, inForce });

  it('should be BASIC without documents in force', () => {
    expect(deriveAccessLevel([])).toBe(AccessLevel.BASIC);
    expect(deriveAccessLevel([snils(false), passport(false)])).toBe(AccessLevel.BASIC);
  });

  it('should be STANDARD with a SNILS in force', () => {
    expect(deriveAccessLevel([snils(true), passport(false)])).toBe(AccessLevel.STANDARD);
  });

  it('should be FULL with SNILS and passport in force', () => {
    expect(deriveAccessLevel([passport(true), snils(true)])).toBe(AccessLevel.FULL);
  });

  it('should be FULL after a trusted federated sign-in, whatever the documents', () => {
    expect(deriveAccessLevel([], true)).toBe(AccessLevel.FULL);
    expect(deriveAccessLevel([snils(true)], true)).toBe(AccessLevel.FULL);
  });

  it('should be BASIC when only the passport is in force', () => {
    expect(deriveAccessLevel([passport(true)])).toBe(AccessLevel.BASIC);
  });
});
