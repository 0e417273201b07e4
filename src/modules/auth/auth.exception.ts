import { AppException, AppExceptionExtras, ErrorCode } from '../../shared/errors';

/** Why an auth operation was refused (`extensions.subCode`). */
export enum AuthErrorCode {
  /** Wrong login, password or security answer: one answer for all, so accounts can't be probed. */
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  /** Wrong, expired, used or exhausted one-time code (also for an unknown login). */
  CODE_INVALID = 'CODE_INVALID',
  REGISTRATION_CODE_INVALID = 'REGISTRATION_CODE_INVALID',
  /** Unknown registration id, its code expired, or its attempts are spent: register again. */
  REGISTRATION_EXPIRED = 'REGISTRATION_EXPIRED',
  PHONE_TAKEN = 'PHONE_TAKEN',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  /** The current password given to change the password or delete the account is wrong. */
  WRONG_PASSWORD = 'WRONG_PASSWORD',
  LOGIN_INVALID = 'LOGIN_INVALID',
  CODE_LOGIN_NOT_SUPPORTED = 'CODE_LOGIN_NOT_SUPPORTED',
  REFRESH_TOKEN_INVALID = 'REFRESH_TOKEN_INVALID',
  /** A rotated refresh token came back: the session is ended as probably stolen. */
  REFRESH_TOKEN_REUSED = 'REFRESH_TOKEN_REUSED',
  /** The session has reached SESSION_MAX_DAYS since sign-in: refreshing cannot extend it. */
  SESSION_MAX_AGE_REACHED = 'SESSION_MAX_AGE_REACHED',
  SESSION_NOT_FOUND = 'SESSION_NOT_FOUND',
  ACCOUNT_NOT_FOUND = 'ACCOUNT_NOT_FOUND',
  /** `requestEmailChange` on an account with a password came without it. */
  PASSWORD_REQUIRED = 'PASSWORD_REQUIRED',
  /** An account without a password changes its e-mail only within 5 minutes of signing in. */
  RECENT_SIGN_IN_REQUIRED = 'RECENT_SIGN_IN_REQUIRED',
  /** The address asked for is already the account's confirmed one. */
  EMAIL_UNCHANGED = 'EMAIL_UNCHANGED',
}

export const AUTH_ERRORS: Record<AuthErrorCode, ErrorCode> = {
  INVALID_CREDENTIALS: ErrorCode.UNAUTHENTICATED,
  CODE_INVALID: ErrorCode.UNAUTHENTICATED,
  REGISTRATION_CODE_INVALID: ErrorCode.BAD_USER_INPUT,
  REGISTRATION_EXPIRED: ErrorCode.BAD_USER_INPUT,
  PHONE_TAKEN: ErrorCode.CONFLICT,
  EMAIL_TAKEN: ErrorCode.CONFLICT,
  WRONG_PASSWORD: ErrorCode.BAD_USER_INPUT,
  LOGIN_INVALID: ErrorCode.BAD_USER_INPUT,
  CODE_LOGIN_NOT_SUPPORTED: ErrorCode.BAD_USER_INPUT,
  REFRESH_TOKEN_INVALID: ErrorCode.UNAUTHENTICATED,
  REFRESH_TOKEN_REUSED: ErrorCode.UNAUTHENTICATED,
  SESSION_MAX_AGE_REACHED: ErrorCode.UNAUTHENTICATED,
  SESSION_NOT_FOUND: ErrorCode.NOT_FOUND,
  ACCOUNT_NOT_FOUND: ErrorCode.UNAUTHENTICATED,
  PASSWORD_REQUIRED: ErrorCode.BAD_USER_INPUT,
  RECENT_SIGN_IN_REQUIRED: ErrorCode.FORBIDDEN,
  EMAIL_UNCHANGED: ErrorCode.BAD_USER_INPUT,
};

/** An auth refusal; its `code` follows from the sub-code through {@link AUTH_ERRORS}. */
export class AuthException extends AppException<AuthErrorCode> {
  constructor(subCode: AuthErrorCode, message: string, extras: AppExceptionExtras = {}) {
    super(AUTH_ERRORS[subCode], message, subCode, extras);
  }

  static invalidCredentials(): AuthException {
    return new AuthException(AuthErrorCode.INVALID_CREDENTIALS, 'Неверный логин или пароль');
  }

  static codeInvalid(): AuthException {
    return new AuthException(
      AuthErrorCode.CODE_INVALID,
      'Неверный или устаревший код. Если попытки закончились, запросите новый код',
    );
  }

  static loginInvalid(): AuthException {
    return new AuthException(AuthErrorCode.LOGIN_INVALID, 'Проверьте введённые данные', {
      fields: [
        {
          field: 'login',
          message: 'Укажите мобильный телефон, адрес электронной почты или СНИЛС',
        },
      ],
    });
  }

  static wrongPassword(field: string): AuthException {
    return new AuthException(AuthErrorCode.WRONG_PASSWORD, 'Неверный пароль', {
      fields: [{ field, message: 'Неверный пароль' }],
    });
  }
}
