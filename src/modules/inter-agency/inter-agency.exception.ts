import { AppException, AppExceptionExtras, ErrorCode } from '../../shared/errors';

/** Why an inter-agency operation was refused (`extensions.subCode`). */
export enum InterAgencyErrorCode {
  /** Unknown id, or one the caller's organization may not see (never told apart). */
  SYSTEM_NOT_FOUND = 'SYSTEM_NOT_FOUND',
  DATA_KIND_NOT_FOUND = 'DATA_KIND_NOT_FOUND',
  ACCESS_REQUEST_NOT_FOUND = 'ACCESS_REQUEST_NOT_FOUND',
  REPRESENTATIVE_NOT_FOUND = 'REPRESENTATIVE_NOT_FOUND',
  /** No account with this SNILS verified. */
  PERSON_NOT_FOUND = 'PERSON_NOT_FOUND',
  /** The mnemonic is taken in that environment. */
  MNEMONIC_TAKEN = 'MNEMONIC_TAKEN',
  /** namespaceUri + version is already registered in that environment. */
  DATA_KIND_EXISTS = 'DATA_KIND_EXISTS',
  /** A pending or granted request for the same kind, system and role exists. */
  ACCESS_REQUEST_EXISTS = 'ACCESS_REQUEST_EXISTS',
  SPECIAL_QUEUE_EXISTS = 'SPECIAL_QUEUE_EXISTS',
  REPRESENTATIVE_EXISTS = 'REPRESENTATIVE_EXISTS',
  /** The system must be ACTIVE for this. */
  SYSTEM_NOT_ACTIVE = 'SYSTEM_NOT_ACTIVE',
  /**
   * The registration or request was already decided, or is decided automatically (TEST); or an
   * access to revoke is not GRANTED.
   */
  NOT_DECIDABLE = 'NOT_DECIDABLE',
  /** A rejection, or a revocation by the owner of the kind of data, needs a reason. */
  REASON_REQUIRED = 'REASON_REQUIRED',
  /** The person does not belong to the developer organization named. */
  NOT_A_CANDIDATE = 'NOT_A_CANDIDATE',
  /** Developer representatives work on the TEST environment only. */
  REPRESENTATIVE_TEST_ONLY = 'REPRESENTATIVE_TEST_ONLY',
  /** An operator never decides a registration of an organization they are a member of. */
  OWN_ORGANIZATION_DECISION = 'OWN_ORGANIZATION_DECISION',
  /** The kind of data belongs to the other environment than the requesting system. */
  ENVIRONMENT_MISMATCH = 'ENVIRONMENT_MISMATCH',
  /** The namespace URI belongs to another organization. */
  NAMESPACE_OWNED = 'NAMESPACE_OWNED',
  /** A field of a message event batch is wrong (see `fields`). */
  MESSAGE_EVENTS_INVALID = 'MESSAGE_EVENTS_INVALID',
  /** More events in one call than allowed. */
  MESSAGE_BATCH_TOO_LARGE = 'MESSAGE_BATCH_TOO_LARGE',
}

export const INTER_AGENCY_ERRORS: Record<InterAgencyErrorCode, ErrorCode> = {
  SYSTEM_NOT_FOUND: ErrorCode.NOT_FOUND,
  DATA_KIND_NOT_FOUND: ErrorCode.NOT_FOUND,
  ACCESS_REQUEST_NOT_FOUND: ErrorCode.NOT_FOUND,
  REPRESENTATIVE_NOT_FOUND: ErrorCode.NOT_FOUND,
  PERSON_NOT_FOUND: ErrorCode.NOT_FOUND,
  MNEMONIC_TAKEN: ErrorCode.CONFLICT,
  DATA_KIND_EXISTS: ErrorCode.CONFLICT,
  ACCESS_REQUEST_EXISTS: ErrorCode.CONFLICT,
  SPECIAL_QUEUE_EXISTS: ErrorCode.CONFLICT,
  REPRESENTATIVE_EXISTS: ErrorCode.CONFLICT,
  SYSTEM_NOT_ACTIVE: ErrorCode.CONFLICT,
  NOT_DECIDABLE: ErrorCode.CONFLICT,
  REASON_REQUIRED: ErrorCode.BAD_USER_INPUT,
  NOT_A_CANDIDATE: ErrorCode.BAD_USER_INPUT,
  REPRESENTATIVE_TEST_ONLY: ErrorCode.FORBIDDEN,
  OWN_ORGANIZATION_DECISION: ErrorCode.FORBIDDEN,
  ENVIRONMENT_MISMATCH: ErrorCode.BAD_USER_INPUT,
  NAMESPACE_OWNED: ErrorCode.FORBIDDEN,
  MESSAGE_EVENTS_INVALID: ErrorCode.BAD_USER_INPUT,
  MESSAGE_BATCH_TOO_LARGE: ErrorCode.BAD_USER_INPUT,
};

/** A refusal of the inter-agency module; `code` follows from the sub-code. */
export class InterAgencyException extends AppException<InterAgencyErrorCode> {
  constructor(subCode: InterAgencyErrorCode, message: string, extras: AppExceptionExtras = {}) {
    super(INTER_AGENCY_ERRORS[subCode], message, subCode, extras);
  }

  static systemNotFound(): InterAgencyException {
    return new InterAgencyException(
      InterAgencyErrorCode.SYSTEM_NOT_FOUND,
      'Информационная система не найдена',
    );
  }

  static dataKindNotFound(): InterAgencyException {
    return new InterAgencyException(
      InterAgencyErrorCode.DATA_KIND_NOT_FOUND,
      'Вид сведений не найден',
    );
  }

  static accessRequestNotFound(): InterAgencyException {
    return new InterAgencyException(
      InterAgencyErrorCode.ACCESS_REQUEST_NOT_FOUND,
      'Заявка на доступ не найдена',
    );
  }

  static representativeNotFound(): InterAgencyException {
    return new InterAgencyException(
      InterAgencyErrorCode.REPRESENTATIVE_NOT_FOUND,
      'Представитель разработчика не найден',
    );
  }

  static personNotFound(): InterAgencyException {
    return new InterAgencyException(
      InterAgencyErrorCode.PERSON_NOT_FOUND,
      'Пользователь с таким подтверждённым СНИЛС не найден',
    );
  }

  static duplicate(
    subCode:
      | InterAgencyErrorCode.MNEMONIC_TAKEN
      | InterAgencyErrorCode.DATA_KIND_EXISTS
      | InterAgencyErrorCode.ACCESS_REQUEST_EXISTS
      | InterAgencyErrorCode.SPECIAL_QUEUE_EXISTS
      | InterAgencyErrorCode.REPRESENTATIVE_EXISTS,
    message: string,
  ): InterAgencyException {
    return new InterAgencyException(subCode, message);
  }

  static systemNotActive(): InterAgencyException {
    return new InterAgencyException(
      InterAgencyErrorCode.SYSTEM_NOT_ACTIVE,
      'Информационная система ещё не активна',
    );
  }

  static notDecidable(message: string): InterAgencyException {
    return new InterAgencyException(InterAgencyErrorCode.NOT_DECIDABLE, message);
  }

  static reasonRequired(message = 'Укажите причину отказа'): InterAgencyException {
    return new InterAgencyException(InterAgencyErrorCode.REASON_REQUIRED, message, {
      fields: [{ field: 'reason', message }],
    });
  }

  static notACandidate(): InterAgencyException {
    const message = 'Этот человек не состоит в выбранной организации-разработчике';
    return new InterAgencyException(InterAgencyErrorCode.NOT_A_CANDIDATE, message, {
      fields: [{ field: 'developerOrganizationId', message }],
    });
  }

  static representativeTestOnly(): InterAgencyException {
    return new InterAgencyException(
      InterAgencyErrorCode.REPRESENTATIVE_TEST_ONLY,
      'Представителю разработчика доступна только тестовая среда',
    );
  }

  static ownOrganizationDecision(): InterAgencyException {
    return new InterAgencyException(
      InterAgencyErrorCode.OWN_ORGANIZATION_DECISION,
      'Оператор не принимает решений по системам своей организации',
    );
  }

  static environmentMismatch(): InterAgencyException {
    const message =
      'Вид сведений зарегистрирован в другой среде: заявку подаёт система той же среды';
    return new InterAgencyException(InterAgencyErrorCode.ENVIRONMENT_MISMATCH, message, {
      fields: [{ field: 'systemId', message }],
    });
  }

  static namespaceOwned(): InterAgencyException {
    return new InterAgencyException(
      InterAgencyErrorCode.NAMESPACE_OWNED,
      'Пространство имён принадлежит другой организации: регистрировать в нём виды сведений и их версии может только она',
    );
  }

  static eventsInvalid(fields: { field: string; message: string }[]): InterAgencyException {
    return new InterAgencyException(
      InterAgencyErrorCode.MESSAGE_EVENTS_INVALID,
      'События не приняты: проверьте отмеченные поля',
      { fields },
    );
  }

  static batchTooLarge(max: number): InterAgencyException {
    const message = `За один вызов можно передать не больше ${max} событий`;
    return new InterAgencyException(InterAgencyErrorCode.MESSAGE_BATCH_TOO_LARGE, message, {
      fields: [{ field: 'events', message }],
    });
  }
}
