import { AppException, AppExceptionExtras, ErrorCode } from '../../shared/errors';

/** Why a data-export operation was refused (`extensions.subCode`). */
export enum DataExportErrorCode {
  /** An export was made (or failed) less than 24 hours ago and none is available now. */
  DATA_EXPORT_DAILY_LIMIT = 'DATA_EXPORT_DAILY_LIMIT',
  /** No such export of mine (someone else's, or never made). */
  DATA_EXPORT_NOT_FOUND = 'DATA_EXPORT_NOT_FOUND',
  /** A download link without a valid signature for this export and person. */
  DATA_EXPORT_LINK_INVALID = 'DATA_EXPORT_LINK_INVALID',
  /** The link's time, or the export's download time, is over. */
  DATA_EXPORT_LINK_EXPIRED = 'DATA_EXPORT_LINK_EXPIRED',
}

export const DATA_EXPORT_ERRORS: Record<DataExportErrorCode, ErrorCode> = {
  DATA_EXPORT_DAILY_LIMIT: ErrorCode.CONFLICT,
  DATA_EXPORT_NOT_FOUND: ErrorCode.NOT_FOUND,
  DATA_EXPORT_LINK_INVALID: ErrorCode.FORBIDDEN,
  DATA_EXPORT_LINK_EXPIRED: ErrorCode.FORBIDDEN,
};

/** A refusal of the data-export module; `code` follows from the sub-code. */
export class DataExportException extends AppException<DataExportErrorCode> {
  constructor(subCode: DataExportErrorCode, message: string, extras: AppExceptionExtras = {}) {
    super(DATA_EXPORT_ERRORS[subCode], message, subCode, extras);
  }

  static dailyLimit(retryAt: Date, now: Date): DataExportException {
    const retryAfterSeconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
    return new DataExportException(
      DataExportErrorCode.DATA_EXPORT_DAILY_LIMIT,
      'Выгрузку данных можно запрашивать один раз в сутки. Попробуйте позже.',
      { retryAfterSeconds, retryAt: retryAt.toISOString() },
    );
  }

  static override notFound(): DataExportException {
    return new DataExportException(
      DataExportErrorCode.DATA_EXPORT_NOT_FOUND,
      'Выгрузка данных не найдена',
    );
  }

  static linkInvalid(): DataExportException {
    return new DataExportException(
      DataExportErrorCode.DATA_EXPORT_LINK_INVALID,
      'Ссылка на выгрузку недействительна',
    );
  }

  static linkExpired(): DataExportException {
    return new DataExportException(
      DataExportErrorCode.DATA_EXPORT_LINK_EXPIRED,
      'Срок действия ссылки истёк: получите новую в личном кабинете',
    );
  }
}
