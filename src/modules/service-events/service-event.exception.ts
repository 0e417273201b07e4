import { AppException, AppExceptionExtras, ErrorCode, FieldError } from '../../shared/errors';

/** Why ingestServiceEvents refused a call (`extensions.subCode`). */
export enum ServiceEventErrorCode {
  /** The caller is not an integrator client with `events:write`. */
  EVENTS_SCOPE_REQUIRED = 'EVENTS_SCOPE_REQUIRED',
  /** One or more events are invalid; `fields` name each `events[i].field`. */
  SERVICE_EVENTS_INVALID = 'SERVICE_EVENTS_INVALID',
}

export const SERVICE_EVENT_ERRORS: Record<ServiceEventErrorCode, ErrorCode> = {
  EVENTS_SCOPE_REQUIRED: ErrorCode.FORBIDDEN,
  SERVICE_EVENTS_INVALID: ErrorCode.BAD_USER_INPUT,
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
}
