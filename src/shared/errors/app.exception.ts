import { ErrorCode } from './error-code';

/** A field-level problem of a BAD_USER_INPUT error. */
export interface FieldError {
  field: string;
  message: string;
}

/** Extra `extensions` an error may carry besides `code` and `subCode`. */
export interface AppExceptionExtras {
  fields?: FieldError[];
  missingFields?: string[];
  retryAfterSeconds?: number;
  reason?: string;
  [key: string]: unknown;
}

/**
 * The base of every error meant for a client: its message is safe to show, `code` comes from
 * {@link ErrorCode} and `subCode` is a stable, module-specific reason clients may branch on.
 */
export class AppException<S extends string = string> extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly subCode?: S,
    readonly extras: AppExceptionExtras = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  static badInput(fields: FieldError[], message = 'Проверьте введённые данные'): AppException {
    return new AppException(ErrorCode.BAD_USER_INPUT, message, 'VALIDATION_FAILED', { fields });
  }

  static unauthenticated(message = 'Требуется вход в систему', reason?: string): AppException {
    return new AppException(ErrorCode.UNAUTHENTICATED, message, reason, reason ? { reason } : {});
  }

  static forbidden(message = 'Недостаточно прав'): AppException {
    return new AppException(ErrorCode.FORBIDDEN, message, 'FORBIDDEN');
  }

  static notFound(message = 'Не найдено'): AppException {
    return new AppException(ErrorCode.NOT_FOUND, message, 'NOT_FOUND');
  }

  static conflict(message: string, subCode = 'CONFLICT'): AppException {
    return new AppException(ErrorCode.CONFLICT, message, subCode);
  }

  static profileIncomplete(missingFields: string[]): AppException {
    return new AppException(
      ErrorCode.PROFILE_INCOMPLETE,
      `Заполните в профиле: ${missingFields.join(', ')}`,
      'PROFILE_INCOMPLETE',
      { missingFields },
    );
  }

  static organizationContextRequired(): AppException {
    return new AppException(
      ErrorCode.ORGANIZATION_CONTEXT_REQUIRED,
      'Услуга недоступна для физических лиц',
      'ORGANIZATION_CONTEXT_REQUIRED',
    );
  }

  static rateLimited(retryAfterSeconds: number): AppException {
    return new AppException(
      ErrorCode.RATE_LIMITED,
      `Слишком много попыток. Повторите через ${retryAfterSeconds} с.`,
      'RATE_LIMITED',
      { retryAfterSeconds },
    );
  }
}
