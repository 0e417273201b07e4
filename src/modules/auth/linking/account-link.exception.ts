import { AppException, AppExceptionExtras, ErrorCode } from '../../../shared/errors';

/** Why linking a provider identity to an existing account was refused (`extensions.subCode`). */
export enum AccountLinkErrorCode {
  /**
   * The provider identity or certificate matches an account here that is not linked to it:
   * nobody is signed in until the holder proves that account or declines it.
   */
  ACCOUNT_LINK_REQUIRED = 'ACCOUNT_LINK_REQUIRED',
  /** Unknown, expired or used link token, or one presented by another client. */
  LINK_TOKEN_INVALID = 'LINK_TOKEN_INVALID',
  /** Neither a password nor a code was given (or a password to an account without one). */
  LINK_PROOF_REQUIRED = 'LINK_PROOF_REQUIRED',
  /** The password or SMS code does not prove the existing account. */
  LINK_PROOF_INVALID = 'LINK_PROOF_INVALID',
}

export const ACCOUNT_LINK_ERRORS: Record<AccountLinkErrorCode, ErrorCode> = {
  ACCOUNT_LINK_REQUIRED: ErrorCode.CONFLICT,
  LINK_TOKEN_INVALID: ErrorCode.UNAUTHENTICATED,
  LINK_PROOF_REQUIRED: ErrorCode.BAD_USER_INPUT,
  LINK_PROOF_INVALID: ErrorCode.UNAUTHENTICATED,
};

/** How the holder of the matched account may prove it. */
export enum AccountLinkProof {
  PASSWORD = 'PASSWORD',
  SMS_CODE = 'SMS_CODE',
}

export class AccountLinkException extends AppException<AccountLinkErrorCode> {
  constructor(subCode: AccountLinkErrorCode, message: string, extras: AppExceptionExtras = {}) {
    super(ACCOUNT_LINK_ERRORS[subCode], message, subCode, extras);
  }

  static required(
    linkToken: string,
    proofs: AccountLinkProof[],
    maskedPhone: string,
  ): AccountLinkException {
    return new AccountLinkException(
      AccountLinkErrorCode.ACCOUNT_LINK_REQUIRED,
      'Найдена учётная запись портала с вашими данными. Подтвердите, что она ваша (пароль или код из SMS), или создайте новую',
      { linkToken, proofs, maskedPhone },
    );
  }

  static tokenInvalid(): AccountLinkException {
    return new AccountLinkException(
      AccountLinkErrorCode.LINK_TOKEN_INVALID,
      'Срок подтверждения истёк или вход начат на другом устройстве: войдите заново',
    );
  }

  static proofRequired(): AccountLinkException {
    const message = 'Введите пароль от учётной записи или код из SMS';
    return new AccountLinkException(AccountLinkErrorCode.LINK_PROOF_REQUIRED, message, {
      fields: [
        { field: 'password', message },
        { field: 'code', message },
      ],
    });
  }

  static proofInvalid(): AccountLinkException {
    return new AccountLinkException(
      AccountLinkErrorCode.LINK_PROOF_INVALID,
      'Неверный пароль или код. Если попытки закончились, войдите заново',
    );
  }
}
