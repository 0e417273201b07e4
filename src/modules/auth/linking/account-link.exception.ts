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
  /**
   * `declineAccountLink` of a sign-in that carries no phone (a qualified certificate) came
   * without the new account's phone and its code.
   */
  NEW_ACCOUNT_PHONE_REQUIRED = 'NEW_ACCOUNT_PHONE_REQUIRED',
  /** `requestNewAccountPhoneCode` for a sign-in whose provider gave the phone already. */
  NEW_ACCOUNT_PHONE_NOT_NEEDED = 'NEW_ACCOUNT_PHONE_NOT_NEEDED',
  /** The phone proven for the new account is an existing account's. */
  NEW_ACCOUNT_PHONE_TAKEN = 'NEW_ACCOUNT_PHONE_TAKEN',
}

export const ACCOUNT_LINK_ERRORS: Record<AccountLinkErrorCode, ErrorCode> = {
  ACCOUNT_LINK_REQUIRED: ErrorCode.CONFLICT,
  LINK_TOKEN_INVALID: ErrorCode.UNAUTHENTICATED,
  LINK_PROOF_REQUIRED: ErrorCode.BAD_USER_INPUT,
  LINK_PROOF_INVALID: ErrorCode.UNAUTHENTICATED,
  NEW_ACCOUNT_PHONE_REQUIRED: ErrorCode.BAD_USER_INPUT,
  NEW_ACCOUNT_PHONE_NOT_NEEDED: ErrorCode.BAD_USER_INPUT,
  NEW_ACCOUNT_PHONE_TAKEN: ErrorCode.CONFLICT,
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

  static newAccountPhoneRequired(): AccountLinkException {
    const message =
      'В сертификате нет телефона: укажите свой мобильный телефон и код из SMS, чтобы создать учётную запись';
    return new AccountLinkException(AccountLinkErrorCode.NEW_ACCOUNT_PHONE_REQUIRED, message, {
      fields: [
        { field: 'phone', message: 'Укажите мобильный телефон' },
        { field: 'code', message: 'Введите код из SMS' },
      ],
    });
  }

  static newAccountPhoneNotNeeded(): AccountLinkException {
    return new AccountLinkException(
      AccountLinkErrorCode.NEW_ACCOUNT_PHONE_NOT_NEEDED,
      'Телефон для новой учётной записи уже получен от Госуслуг: подтверждать его не нужно',
    );
  }

  static newAccountPhoneTaken(): AccountLinkException {
    return new AccountLinkException(
      AccountLinkErrorCode.NEW_ACCOUNT_PHONE_TAKEN,
      'Этот телефон уже указан в другой учётной записи Кабинета: укажите другой номер или войдите в ту учётную запись',
      { fields: [{ field: 'phone', message: 'Телефон уже используется' }] },
    );
  }
}
