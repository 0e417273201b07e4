import { AppException, AppExceptionExtras, ErrorCode } from '../../shared/errors';

/** Why a remote-work report operation was refused (`extensions.subCode`). */
export enum RemoteWorkReportErrorCode {
  /** Unknown id, or a report of another organization (never told apart). */
  REPORT_NOT_FOUND = 'REPORT_NOT_FOUND',
  /** The reporting week is not a Monday (weeks are named by their deadline Monday). */
  WEEK_NOT_MONDAY = 'WEEK_NOT_MONDAY',
  /** The upload is larger than REPORT_MAX_BYTES. */
  FILE_TOO_LARGE = 'FILE_TOO_LARGE',
  /** `issues(first:)` outside 1…ISSUES_MAX. */
  ISSUES_LIMIT_INVALID = 'ISSUES_LIMIT_INVALID',
  /** `checkRemoteWorkReport` answers for files of up to CHECK_MAX_ROWS employee rows. */
  CHECK_TOO_MANY_ROWS = 'CHECK_TOO_MANY_ROWS',
}

export const REMOTE_WORK_REPORT_ERRORS: Record<RemoteWorkReportErrorCode, ErrorCode> = {
  REPORT_NOT_FOUND: ErrorCode.NOT_FOUND,
  WEEK_NOT_MONDAY: ErrorCode.BAD_USER_INPUT,
  FILE_TOO_LARGE: ErrorCode.PAYLOAD_TOO_LARGE,
  ISSUES_LIMIT_INVALID: ErrorCode.BAD_USER_INPUT,
  CHECK_TOO_MANY_ROWS: ErrorCode.BAD_USER_INPUT,
};

/** A refusal of the remote-work reports module; `code` follows from the sub-code. */
export class RemoteWorkReportException extends AppException<RemoteWorkReportErrorCode> {
  constructor(
    subCode: RemoteWorkReportErrorCode,
    message: string,
    extras: AppExceptionExtras = {},
  ) {
    super(REMOTE_WORK_REPORT_ERRORS[subCode], message, subCode, extras);
  }

  static reportNotFound(): RemoteWorkReportException {
    return new RemoteWorkReportException(
      RemoteWorkReportErrorCode.REPORT_NOT_FOUND,
      'Отчёт не найден',
    );
  }

  static weekNotMonday(week: string): RemoteWorkReportException {
    const message = `Отчётная неделя обозначается понедельником — днём срока сдачи; ${week} не понедельник`;
    return new RemoteWorkReportException(RemoteWorkReportErrorCode.WEEK_NOT_MONDAY, message, {
      fields: [{ field: 'week', message }],
    });
  }

  static fileTooLarge(maxBytes: number): RemoteWorkReportException {
    const mb = Math.floor(maxBytes / (1024 * 1024));
    return new RemoteWorkReportException(
      RemoteWorkReportErrorCode.FILE_TOO_LARGE,
      mb > 0 ? `Файл больше ${mb} МБ: загрузите файл меньшего размера` : 'Файл слишком большой',
    );
  }

  static issuesLimitInvalid(max: number): RemoteWorkReportException {
    const message = `Можно запросить от 1 до ${max} замечаний`;
    return new RemoteWorkReportException(RemoteWorkReportErrorCode.ISSUES_LIMIT_INVALID, message, {
      fields: [{ field: 'first', message }],
    });
  }

  static checkTooManyRows(max: number): RemoteWorkReportException {
    const limit = String(max).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
    return new RemoteWorkReportException(
      RemoteWorkReportErrorCode.CHECK_TOO_MANY_ROWS,
      `Предварительная проверка доступна для файлов до ${limit} строк о работниках. Этот файл больше: отправьте его как отчёт (submitRemoteWorkReport) — его проверят в очереди, и результат появится в журнале отчётов`,
    );
  }
}
