import { AppException, AppExceptionExtras, ErrorCode } from '../../shared/errors';

/** Why a notifications operation was refused (`extensions.subCode`). */
export enum NotificationsErrorCode {
  /** DOCUMENTS notices are always delivered; there is nothing to subscribe to. */
  CATEGORY_NOT_SUBSCRIBABLE = 'CATEGORY_NOT_SUBSCRIBABLE',
  /** Quiet hours that start and end at the same time. */
  QUIET_HOURS_INVALID = 'QUIET_HOURS_INVALID',
}

export const NOTIFICATIONS_ERRORS: Record<NotificationsErrorCode, ErrorCode> = {
  CATEGORY_NOT_SUBSCRIBABLE: ErrorCode.BAD_USER_INPUT,
  QUIET_HOURS_INVALID: ErrorCode.BAD_USER_INPUT,
};

/** A refusal of the notifications module; `code` follows from the sub-code. */
export class NotificationsException extends AppException<NotificationsErrorCode> {
  constructor(subCode: NotificationsErrorCode, message: string, extras: AppExceptionExtras = {}) {
    super(NOTIFICATIONS_ERRORS[subCode], message, subCode, extras);
  }

  static notSubscribable(): NotificationsException {
    const message = 'Уведомления о документах приходят всегда, подписка не нужна';
    return new NotificationsException(NotificationsErrorCode.CATEGORY_NOT_SUBSCRIBABLE, message, {
      fields: [{ field: 'category', message }],
    });
  }

  static quietHoursInvalid(): NotificationsException {
    const message = 'Начало и конец тихих часов должны различаться';
    return new NotificationsException(NotificationsErrorCode.QUIET_HOURS_INVALID, message, {
      fields: [{ field: 'input.quietHours.to', message }],
    });
  }
}
