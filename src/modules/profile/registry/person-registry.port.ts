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

/** The identifier links the registries prove, with what each check needs. */
export type LinkCheckRequest =
  /** Traffic police: the plate with its registration certificate (СТС). */
  | { kind: 'VEHICLE'; plate: string; registrationCertificate: string }
  /** The OMS policy register: the policy with its holder's verified name and birth date. */
  | ({ kind: 'OMS_POLICY'; policy: string } & PersonData)
  /** The civil registry's birth record: the child's SNILS with the parent's verified SNILS. */
  | { kind: 'CHILD'; childSnils: string; parentSnils: string }
  /** The billing centre: the payer code with the check code printed on the bill. */
  | { kind: 'PAYER_CODE'; code: string; checkCode: string }
  /** The power supplier: the account with the check code printed on the bill. */
  | { kind: 'ELECTRICITY_ACCOUNT'; account: string; checkCode: string }
  /** Traffic police: the licence number, its issue date and the holder's name. */
  | ({ kind: 'DRIVER_LICENSE'; number: string; issuedAt: string } & PersonData);

export type LinkKind = LinkCheckRequest['kind'];

/** The registry did not answer usefully (5xx, timeout, network): the check is retried later. */
export class RegistryUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryUnavailableError';
  }
}

/**
 * The person registry (SNILS and passport checks) and the identifier links' registries. Adapters: `http` (the outside registry) and
 * `table` (the `person_registry` table). A verdict is an outcome; an unavailable registry throws.
 */
export abstract class PersonRegistry {
  abstract checkSnils(request: SnilsCheckRequest): Promise<RegistryVerdict>;
  abstract checkPassport(request: PassportCheckRequest): Promise<RegistryVerdict>;
  abstract checkLink(request: LinkCheckRequest): Promise<RegistryVerdict>;
}
