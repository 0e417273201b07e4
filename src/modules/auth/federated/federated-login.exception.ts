import { AppException, AppExceptionExtras, ErrorCode } from '../../../shared/errors';

/** Why a federated (Gosuslugi-style OpenID Connect) sign-in was refused (`extensions.subCode`). */
export enum FederatedLoginErrorCode {
  /** OIDC_ISSUER is not set: this installation offers no federated sign-in. */
  FEDERATED_LOGIN_NOT_CONFIGURED = 'FEDERATED_LOGIN_NOT_CONFIGURED',
  /** The redirect URI is not one of OIDC_REDIRECT_URIS. */
  REDIRECT_URI_NOT_ALLOWED = 'REDIRECT_URI_NOT_ALLOWED',
  /** Unknown, expired or already used `state`: the sign-in must start again. */
  FEDERATED_STATE_INVALID = 'FEDERATED_STATE_INVALID',
  /**
   * `completeFederatedLogin` came without the `clientBinding` its start returned, or with another
   * one: the code and state were probably taken from someone else's redirect URL.
   */
  FEDERATED_BINDING_INVALID = 'FEDERATED_BINDING_INVALID',
  /** The provider refused the code, or its tokens failed validation (signature, nonce, issuer). */
  FEDERATED_LOGIN_FAILED = 'FEDERATED_LOGIN_FAILED',
  /** The provider's account lacks data a new account needs (see `missingFields`). */
  FEDERATED_PROFILE_INCOMPLETE = 'FEDERATED_PROFILE_INCOMPLETE',
  /** The provider's phone belongs to another account here and cannot be linked automatically. */
  FEDERATED_PHONE_TAKEN = 'FEDERATED_PHONE_TAKEN',
  /** The matching account is already linked to another identity at the same provider. */
  FEDERATED_ACCOUNT_LINKED_ELSEWHERE = 'FEDERATED_ACCOUNT_LINKED_ELSEWHERE',
  /** The provider could not be reached or answered with a server error. */
  FEDERATED_PROVIDER_UNAVAILABLE = 'FEDERATED_PROVIDER_UNAVAILABLE',
}

export const FEDERATED_LOGIN_ERRORS: Record<FederatedLoginErrorCode, ErrorCode> = {
  // With no configuration the redirect allow-list is empty, so API.md's rule gives BAD_USER_INPUT.
  FEDERATED_LOGIN_NOT_CONFIGURED: ErrorCode.BAD_USER_INPUT,
  REDIRECT_URI_NOT_ALLOWED: ErrorCode.BAD_USER_INPUT,
  FEDERATED_STATE_INVALID: ErrorCode.UNAUTHENTICATED,
  FEDERATED_BINDING_INVALID: ErrorCode.UNAUTHENTICATED,
  FEDERATED_LOGIN_FAILED: ErrorCode.UNAUTHENTICATED,
  FEDERATED_PROFILE_INCOMPLETE: ErrorCode.PROFILE_INCOMPLETE,
  FEDERATED_PHONE_TAKEN: ErrorCode.CONFLICT,
  FEDERATED_ACCOUNT_LINKED_ELSEWHERE: ErrorCode.CONFLICT,
  FEDERATED_PROVIDER_UNAVAILABLE: ErrorCode.INTERNAL_SERVER_ERROR,
};

/** A federated sign-in refusal; its `code` follows from the sub-code. */
export class FederatedLoginException extends AppException<FederatedLoginErrorCode> {
  constructor(subCode: FederatedLoginErrorCode, message: string, extras: AppExceptionExtras = {}) {
    super(FEDERATED_LOGIN_ERRORS[subCode], message, subCode, extras);
  }

  static notConfigured(field: string): FederatedLoginException {
    const message = 'Вход через Госуслуги на этом портале не настроен';
    return new FederatedLoginException(
      FederatedLoginErrorCode.FEDERATED_LOGIN_NOT_CONFIGURED,
      message,
      { fields: [{ field, message }] },
    );
  }

  static redirectUriNotAllowed(): FederatedLoginException {
    const message = 'Этот адрес возврата не разрешён для входа через Госуслуги';
    return new FederatedLoginException(FederatedLoginErrorCode.REDIRECT_URI_NOT_ALLOWED, message, {
      fields: [{ field: 'redirectUri', message }],
    });
  }

  static stateInvalid(): FederatedLoginException {
    return new FederatedLoginException(
      FederatedLoginErrorCode.FEDERATED_STATE_INVALID,
      'Попытка входа через Госуслуги устарела или уже завершена: начните вход заново',
    );
  }

  static bindingInvalid(): FederatedLoginException {
    return new FederatedLoginException(
      FederatedLoginErrorCode.FEDERATED_BINDING_INVALID,
      'Вход через Госуслуги был начат в другом браузере или приложении: начните вход заново на этом устройстве',
    );
  }

  static failed(): FederatedLoginException {
    return new FederatedLoginException(
      FederatedLoginErrorCode.FEDERATED_LOGIN_FAILED,
      'Госуслуги не подтвердили вход: начните вход заново',
    );
  }

  static missingData(missingFields: string[]): FederatedLoginException {
    return new FederatedLoginException(
      FederatedLoginErrorCode.FEDERATED_PROFILE_INCOMPLETE,
      'В учётной записи Госуслуг не хватает данных для создания личного кабинета',
      { missingFields },
    );
  }

  static phoneTaken(): FederatedLoginException {
    return new FederatedLoginException(
      FederatedLoginErrorCode.FEDERATED_PHONE_TAKEN,
      'Этот номер телефона уже используется другой учётной записью: войдите по паролю или коду из SMS',
    );
  }

  static linkedElsewhere(): FederatedLoginException {
    return new FederatedLoginException(
      FederatedLoginErrorCode.FEDERATED_ACCOUNT_LINKED_ELSEWHERE,
      'Учётная запись портала уже связана с другой учётной записью Госуслуг',
    );
  }

  static providerUnavailable(): FederatedLoginException {
    return new FederatedLoginException(
      FederatedLoginErrorCode.FEDERATED_PROVIDER_UNAVAILABLE,
      'Госуслуги сейчас недоступны, попробуйте войти позже',
    );
  }
}
