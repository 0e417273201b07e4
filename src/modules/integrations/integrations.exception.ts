import { AppException, AppExceptionExtras, ErrorCode } from '../../shared/errors';

/** Why an integrations operation was refused (`extensions.subCode`). */
export enum IntegrationsErrorCode {
  /** Unknown id, or a client of another organization (never told apart). */
  API_CLIENT_NOT_FOUND = 'API_CLIENT_NOT_FOUND',
  /** A scope outside what the caller may give. */
  API_CLIENT_SCOPES_INVALID = 'API_CLIENT_SCOPES_INVALID',
  /** The organization already has the most active clients allowed. */
  API_CLIENT_LIMIT_REACHED = 'API_CLIENT_LIMIT_REACHED',
  /** Unknown or deleted id, or a webhook of another organization. */
  WEBHOOK_NOT_FOUND = 'WEBHOOK_NOT_FOUND',
  /** Not an absolute https URL (or http to an allowed host), or one with credentials. */
  WEBHOOK_URL_INVALID = 'WEBHOOK_URL_INVALID',
  /** The host is or resolves to a private, loopback, link-local or otherwise internal address. */
  WEBHOOK_URL_FORBIDDEN = 'WEBHOOK_URL_FORBIDDEN',
  /** The host does not resolve. */
  WEBHOOK_URL_UNRESOLVABLE = 'WEBHOOK_URL_UNRESOLVABLE',
  /** The organization already has the most webhooks allowed. */
  WEBHOOK_LIMIT_REACHED = 'WEBHOOK_LIMIT_REACHED',
}

export const INTEGRATIONS_ERRORS: Record<IntegrationsErrorCode, ErrorCode> = {
  API_CLIENT_NOT_FOUND: ErrorCode.NOT_FOUND,
  API_CLIENT_SCOPES_INVALID: ErrorCode.BAD_USER_INPUT,
  API_CLIENT_LIMIT_REACHED: ErrorCode.BAD_USER_INPUT,
  WEBHOOK_NOT_FOUND: ErrorCode.NOT_FOUND,
  WEBHOOK_URL_INVALID: ErrorCode.BAD_USER_INPUT,
  WEBHOOK_URL_FORBIDDEN: ErrorCode.BAD_USER_INPUT,
  WEBHOOK_URL_UNRESOLVABLE: ErrorCode.BAD_USER_INPUT,
  WEBHOOK_LIMIT_REACHED: ErrorCode.BAD_USER_INPUT,
};

/** A refusal of the integrations module; `code` follows from the sub-code. */
export class IntegrationsException extends AppException<IntegrationsErrorCode> {
  constructor(subCode: IntegrationsErrorCode, message: string, extras: AppExceptionExtras = {}) {
    super(INTEGRATIONS_ERRORS[subCode], message, subCode, extras);
  }

  static apiClientNotFound(): IntegrationsException {
    return new IntegrationsException(
      IntegrationsErrorCode.API_CLIENT_NOT_FOUND,
      'Клиент API не найден',
    );
  }

  static scopesInvalid(message: string): IntegrationsException {
    return new IntegrationsException(IntegrationsErrorCode.API_CLIENT_SCOPES_INVALID, message, {
      fields: [{ field: 'scopes', message }],
    });
  }

  static apiClientLimitReached(max: number): IntegrationsException {
    const message = `У организации уже ${max} действующих клиентов API: отзовите ненужные`;
    return new IntegrationsException(IntegrationsErrorCode.API_CLIENT_LIMIT_REACHED, message);
  }

  static webhookNotFound(): IntegrationsException {
    return new IntegrationsException(IntegrationsErrorCode.WEBHOOK_NOT_FOUND, 'Вебхук не найден');
  }

  static webhookUrl(
    subCode:
      | IntegrationsErrorCode.WEBHOOK_URL_INVALID
      | IntegrationsErrorCode.WEBHOOK_URL_FORBIDDEN
      | IntegrationsErrorCode.WEBHOOK_URL_UNRESOLVABLE,
    message: string,
  ): IntegrationsException {
    return new IntegrationsException(subCode, message, { fields: [{ field: 'url', message }] });
  }

  static webhookLimitReached(max: number): IntegrationsException {
    const message = `У организации уже ${max} вебхуков: удалите ненужные`;
    return new IntegrationsException(IntegrationsErrorCode.WEBHOOK_LIMIT_REACHED, message);
  }
}
