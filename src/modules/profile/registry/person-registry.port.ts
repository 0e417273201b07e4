/** A registry's verdict on a document and the person's data. */
export type RegistryVerdict = 'MATCH' | 'MISMATCH' | 'NOT_FOUND';

/** Who the document is claimed to belong to. */
export interface PersonData {
  lastName: string;
  firstName: string;
  middleName: string | null;
  /** `YYYY-MM-DD`. */
  birthDate: string;
}

export interface SnilsCheckRequest extends PersonData {
  /** As `123-456-789 64`. */
  snils: string;
}

export interface PassportCheckRequest extends PersonData {
  series: string;
  number: string;
  /** `YYYY-MM-DD`. */
  issuedAt: string;
}

/** The registry did not answer usefully (5xx, timeout, network): the check is retried later. */
export class RegistryUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryUnavailableError';
  }
}

/**
 * The person registry (SNILS and passport checks). Adapters: `http` (the outside registry) and
 * `table` (the `person_registry` table). A verdict is an outcome; an unavailable registry throws.
 */
export abstract class PersonRegistry {
  abstract checkSnils(request: SnilsCheckRequest): Promise<RegistryVerdict>;
  abstract checkPassport(request: PassportCheckRequest): Promise<RegistryVerdict>;
}
