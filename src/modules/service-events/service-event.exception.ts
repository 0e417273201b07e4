import { AppException, AppExceptionExtras, ErrorCode, FieldError } from '../../shared/errors';

/** Why ingestServiceEvents refused a call (`extensions.subCode`). */
export enum ServiceEventErrorCode {
  /** The caller is not an integrator client with `events:write`. */
  EVENTS_SCOPE_REQUIRED = 'EVENTS_SCOPE_REQUIRED',
  /** One or more events are invalid; `fields` name each `events[i].field`. */
  SERVICE_EVENTS_INVALID = 'SERVICE_EVENTS_INVALID',
  /** An event names a source the client was not given; `fields` name each `events[i].source`. */
  EVENT_SOURCE_NOT_ALLOWED = 'EVENT_SOURCE_NOT_ALLOWED',
  /** An event's (source, externalId) was written by another client; `fields` name them. */
  EVENT_OWNED_BY_ANOTHER_CLIENT = 'EVENT_OWNED_BY_ANOTHER_CLIENT',
}

export const SERVICE_EVENT_ERRORS: Record<ServiceEventErrorCode, ErrorCode> = {
  EVENTS_SCOPE_REQUIRED: ErrorCode.FORBIDDEN,
  SERVICE_EVENTS_INVALID: ErrorCode.BAD_USER_INPUT,
  EVENT_SOURCE_NOT_ALLOWED: ErrorCode.FORBIDDEN,
  EVENT_OWNED_BY_ANOTHER_CLIENT: ErrorCode.FORBIDDEN,
};

/** A refusal of the service-events module; `code` follows from the sub-code. */
export class ServiceEventException extends AppException<ServiceEventErrorCode> {
  constructor(subCode: ServiceEventErrorCode, message: string, extras: AppExceptionExtras = {}) {
    super(SERVICE_EVENT_ERRORS[subCode], message, subCode, extras);
  }

  static scopeRequired(): ServiceEventException {
    return new ServiceEventException(
      ServiceEventErrorCode.EVENTS_SCOPE_REQUIRED,
      'Передавать события могут только интеграторы с правом events:write',
    );
  }

  static invalid(fields: FieldError[]): ServiceEventException {
    return new ServiceEventException(
      ServiceEventErrorCode.SERVICE_EVENTS_INVALID,
      'События не приняты: исправьте ошибки и отправьте пакет снова',
      { fields },
    );
  }

  static sourceNotAllowed(fields: FieldError[]): ServiceEventException {
    return new ServiceEventException(
      ServiceEventErrorCode.EVENT_SOURCE_NOT_ALLOWED,
      'События не приняты: клиенту не разрешено передавать события этих источников',
      { fields },
    );
  }

  static ownedByAnotherClient(fields: FieldError[]): ServiceEventException {
    return new ServiceEventException(
      ServiceEventErrorCode.EVENT_OWNED_BY_ANOTHER_CLIENT,
      'События не приняты: эти события передала другая система, изменить их может только она',
      { fields },
    );
  }
}
