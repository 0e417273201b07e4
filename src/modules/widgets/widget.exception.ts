import { AppException, AppExceptionExtras, ErrorCode, FieldError } from '../../shared/errors';

/** Why a widget operation was refused (`extensions.subCode`). */
export enum WidgetErrorCode {
  /** No widget with that id on my dashboard. */
  WIDGET_NOT_FOUND = 'WIDGET_NOT_FOUND',
  /** That type is already on my dashboard. */
  WIDGET_EXISTS = 'WIDGET_EXISTS',
  /** Settings not valid for the widget's type; `fields` name `settings.<key>`. */
  WIDGET_SETTINGS_INVALID = 'WIDGET_SETTINGS_INVALID',
  /** A position outside 0..n-1. */
  WIDGET_POSITION_INVALID = 'WIDGET_POSITION_INVALID',
  /** Integrator clients have no dashboard. */
  WIDGETS_FORBIDDEN = 'WIDGETS_FORBIDDEN',
}

export const WIDGET_ERRORS: Record<WidgetErrorCode, ErrorCode> = {
  WIDGET_NOT_FOUND: ErrorCode.NOT_FOUND,
  WIDGET_EXISTS: ErrorCode.CONFLICT,
  WIDGET_SETTINGS_INVALID: ErrorCode.BAD_USER_INPUT,
  WIDGET_POSITION_INVALID: ErrorCode.BAD_USER_INPUT,
  WIDGETS_FORBIDDEN: ErrorCode.FORBIDDEN,
};

/** A refusal of the widgets module; `code` follows from the sub-code. */
export class WidgetException extends AppException<WidgetErrorCode> {
  constructor(subCode: WidgetErrorCode, message: string, extras: AppExceptionExtras = {}) {
    super(WIDGET_ERRORS[subCode], message, subCode, extras);
  }

  static widgetNotFound(): WidgetException {
    return new WidgetException(WidgetErrorCode.WIDGET_NOT_FOUND, 'Виджет не найден');
  }

  static exists(): WidgetException {
    return new WidgetException(WidgetErrorCode.WIDGET_EXISTS, 'Такой виджет уже есть на главной');
  }

  static settingsInvalid(fields: FieldError[]): WidgetException {
    return new WidgetException(
      WidgetErrorCode.WIDGET_SETTINGS_INVALID,
      'Неверные настройки виджета',
      { fields },
    );
  }

  static positionInvalid(count: number): WidgetException {
    const message = `Позиция: от 0 до ${Math.max(count - 1, 0)}`;
    return new WidgetException(WidgetErrorCode.WIDGET_POSITION_INVALID, message, {
      fields: [{ field: 'position', message }],
    });
  }

  static notAPerson(): WidgetException {
    return new WidgetException(
      WidgetErrorCode.WIDGETS_FORBIDDEN,
      'Главная страница есть только у людей',
    );
  }
}
