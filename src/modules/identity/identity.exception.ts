import { AppException, AppExceptionExtras, ErrorCode } from '../../shared/errors';

/** Why an identity operation was refused (`extensions.subCode`). */
export enum IdentityErrorCode {
  /** A session acting for a child, or an integrator, asked about the account itself. */
  ACCOUNT_ACCESS_FORBIDDEN = 'ACCOUNT_ACCESS_FORBIDDEN',
}

export const IDENTITY_ERRORS: Record<IdentityErrorCode, ErrorCode> = {
  ACCOUNT_ACCESS_FORBIDDEN: ErrorCode.FORBIDDEN,
};

/** An identity refusal; its `code` follows from the sub-code through {@link IDENTITY_ERRORS}. */
export class IdentityException extends AppException<IdentityErrorCode> {
  constructor(subCode: IdentityErrorCode, message: string, extras: AppExceptionExtras = {}) {
    super(IDENTITY_ERRORS[subCode], message, subCode, extras);
  }

  static accountAccessForbidden(): IdentityException {
    return new IdentityException(
      IdentityErrorCode.ACCOUNT_ACCESS_FORBIDDEN,
      'Недоступно в этом сеансе: войдите под своей учётной записью',
    );
  }
}
