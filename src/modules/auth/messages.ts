// Every text the auth module sends to people, in Russian.

const DO_NOT_SHARE = 'Никому не сообщайте код.';

function minutes(ttlSeconds: number): string {
  const n = Math.max(1, Math.round(ttlSeconds / 60));
  const tail =
    n % 10 === 1 && n % 100 !== 11
      ? 'минуту'
      : [2, 3, 4].includes(n % 10) && ![12, 13, 14].includes(n % 100)
        ? 'минуты'
        : 'минут';
  return `${n} ${tail}`;
}

export function registrationCodeSms(code: string): string {
  return `Код подтверждения регистрации в Кабинете: ${code}. ${DO_NOT_SHARE}`;
}

export function loginCodeSms(code: string): string {
  return `Код для входа в Кабинет: ${code}. ${DO_NOT_SHARE}`;
}

export function resetCodeSms(code: string): string {
  return `Код для восстановления пароля в Кабинете: ${code}. ${DO_NOT_SHARE}`;
}

export const RESET_CODE_EMAIL_SUBJECT = 'Восстановление пароля в Кабинете';

export function resetCodeEmail(code: string, ttlSeconds: number): string {
  return [
    'Здравствуйте!',
    '',
    `Код для восстановления пароля в Кабинете: ${code}. Он действует ${minutes(ttlSeconds)}. ${DO_NOT_SHARE}`,
    '',
    'Если вы не запрашивали восстановление пароля, просто не отвечайте на это письмо: пароль останется прежним.',
  ].join('\n');
}

export const SECURITY_ANSWER_EMAIL_SUBJECT = 'Восстановление пароля по контрольному вопросу';

export function securityAnswerUsedSms(succeeded: boolean): string {
  return succeeded
    ? 'Пароль в Кабинете изменён с помощью ответа на контрольный вопрос. Если это были не вы, срочно обратитесь в службу поддержки.'
    : 'В Кабинете введён неверный ответ на контрольный вопрос при восстановлении пароля. Если это были не вы, смените пароль и контрольный вопрос.';
}

export function securityAnswerUsedEmail(succeeded: boolean): string {
  return [
    'Здравствуйте!',
    '',
    securityAnswerUsedSms(succeeded),
    '',
    'Восстановить пароль по контрольному вопросу можно не более 3 раз в сутки.',
  ].join('\n');
}

export const EMAIL_CHANGE_CODE_EMAIL_SUBJECT = 'Подтверждение адреса электронной почты в Кабинете';

export function emailChangeCodeEmail(code: string, ttlSeconds: number): string {
  return [
    'Здравствуйте!',
    '',
    `Код для подтверждения этого адреса в Кабинете: ${code}. Он действует ${minutes(ttlSeconds)}. ${DO_NOT_SHARE}`,
    '',
    'Если вы не указывали этот адрес в Кабинете, просто не отвечайте на это письмо.',
  ].join('\n');
}

export const EMAIL_CHANGED_EMAIL_SUBJECT = 'Адрес электронной почты в Кабинете изменён';

/** A signed-in device, as the change notices list it. */
export interface SessionLine {
  createdAt: Date;
  userAgent: string | null;
  ip: string | null;
}

function sessionLines(sessions: SessionLine[]): string[] {
  if (sessions.length === 0) {
    return [];
  }
  return [
    '',
    'Сейчас выполнен вход на устройствах:',
    ...sessions.map(
      (s) =>
        `— ${s.userAgent ?? 'неизвестное устройство'}, IP ${s.ip ?? 'неизвестен'}, вход ${s.createdAt.toISOString()}`,
    ),
    'Завершить чужой сеанс можно в разделе «Безопасность».',
  ];
}

export function emailChangedSms(newEmail: string): string {
  return `Адрес электронной почты в Кабинете изменён на ${newEmail}. Если это были не вы, срочно смените пароль и обратитесь в службу поддержки.`;
}

export function emailChangedEmail(newEmail: string, sessions: SessionLine[]): string {
  return [
    'Здравствуйте!',
    '',
    `Адрес электронной почты вашей учётной записи в Кабинете изменён на ${newEmail}. Этот адрес больше не используется для входа и восстановления пароля.`,
    'Если это были не вы, срочно смените пароль и обратитесь в службу поддержки.',
    ...sessionLines(sessions),
  ].join('\n');
}

export function accountLinkCodeSms(code: string): string {
  return `Код для привязки входа через Госуслуги или электронную подпись к вашей учётной записи в Кабинете: ${code}. ${DO_NOT_SHARE} Если вы не входили, не вводите код.`;
}

export const SNILS_DISPUTED_EMAIL_SUBJECT = 'СНИЛС в вашей учётной записи Кабинета оспорен';

export function snilsDisputedSms(): string {
  return 'СНИЛС в вашей учётной записи Кабинета оспорен: его владелец подтвердил его через Госуслуги или электронную подпись. СНИЛС больше не действует в вашей учётной записи. Если это ошибка, обратитесь в службу поддержки.';
}

export function snilsDisputedEmail(): string {
  return ['Здравствуйте!', '', snilsDisputedSms()].join('\n');
}

export function newAccountPhoneCodeSms(code: string): string {
  return `Код подтверждения телефона для новой учётной записи Кабинета: ${code}. ${DO_NOT_SHARE}`;
}

export function snilsTakenOverSms(): string {
  return 'Создана ваша учётная запись в Кабинете. Ваш СНИЛС подтверждён в ней и больше не действует в другой учётной записи, где он был указан. Если это были не вы, обратитесь в службу поддержки.';
}
