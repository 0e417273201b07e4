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
