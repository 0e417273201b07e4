import { AppException, AppExceptionExtras, ErrorCode } from '../../shared/errors';

/** Why a profile operation was refused (`extensions.subCode`). */
export enum ProfileErrorCode {
  SNILS_INVALID = 'SNILS_INVALID',
  VEHICLE_PLATE_INVALID = 'VEHICLE_PLATE_INVALID',
  DATE_INVALID = 'DATE_INVALID',
  FIELD_REQUIRED = 'FIELD_REQUIRED',
  /** This SNILS is verified for another account. */
  SNILS_TAKEN = 'SNILS_TAKEN',
  /** A check of this kind of document is still under way. */
  DOCUMENT_CHECK_PENDING = 'DOCUMENT_CHECK_PENDING',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  /** `updateProfile` no longer sets the e-mail: `requestEmailChange` / `confirmEmailChange` do. */
  EMAIL_CHANGE_NEEDS_CONFIRMATION = 'EMAIL_CHANGE_NEEDS_CONFIRMATION',
  VEHICLE_EXISTS = 'VEHICLE_EXISTS',
  SCHOOL_LOGIN_TAKEN = 'SCHOOL_LOGIN_TAKEN',
  VEHICLE_NOT_FOUND = 'VEHICLE_NOT_FOUND',
  CHILD_NOT_FOUND = 'CHILD_NOT_FOUND',
  /** The account holds PROFILE_MAX_VEHICLES vehicles already. */
  VEHICLE_LIMIT_REACHED = 'VEHICLE_LIMIT_REACHED',
  /** The account holds PROFILE_MAX_CHILDREN children already. */
  CHILD_LIMIT_REACHED = 'CHILD_LIMIT_REACHED',
}

export const PROFILE_ERRORS: Record<ProfileErrorCode, ErrorCode> = {
  SNILS_INVALID: ErrorCode.BAD_USER_INPUT,
  VEHICLE_PLATE_INVALID: ErrorCode.BAD_USER_INPUT,
  DATE_INVALID: ErrorCode.BAD_USER_INPUT,
  FIELD_REQUIRED: ErrorCode.BAD_USER_INPUT,
  SNILS_TAKEN: ErrorCode.CONFLICT,
  DOCUMENT_CHECK_PENDING: ErrorCode.CONFLICT,
  EMAIL_TAKEN: ErrorCode.CONFLICT,
  EMAIL_CHANGE_NEEDS_CONFIRMATION: ErrorCode.BAD_USER_INPUT,
  VEHICLE_EXISTS: ErrorCode.CONFLICT,
  SCHOOL_LOGIN_TAKEN: ErrorCode.CONFLICT,
  VEHICLE_NOT_FOUND: ErrorCode.NOT_FOUND,
  CHILD_NOT_FOUND: ErrorCode.NOT_FOUND,
  VEHICLE_LIMIT_REACHED: ErrorCode.CONFLICT,
  CHILD_LIMIT_REACHED: ErrorCode.CONFLICT,
};

/** A profile refusal; its `code` follows from the sub-code through {@link PROFILE_ERRORS}. */
export class ProfileException extends AppException<ProfileErrorCode> {
  constructor(subCode: ProfileErrorCode, message: string, extras: AppExceptionExtras = {}) {
    super(PROFILE_ERRORS[subCode], message, subCode, extras);
  }

  /** BAD_USER_INPUT naming the field. */
  static invalidField(subCode: ProfileErrorCode, field: string, message: string): ProfileException {
    return new ProfileException(subCode, message, { fields: [{ field, message }] });
  }
}
