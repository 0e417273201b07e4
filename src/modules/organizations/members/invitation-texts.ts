import { MemberRole } from '../organization.enums';

const ROLE_NAMES: Record<MemberRole, string> = {
  HEAD: 'руководитель',
  ADMIN: 'администратор',
  EMPLOYEE: 'сотрудник',
};

/** A date as people in Moscow read it: `21.12.2026`. */
function moscowDate(at: Date): string {
  return at.toLocaleDateString('ru-RU', { timeZone: 'Europe/Moscow' });
}

/** The in-app notice and the SMS of an invitation (Russian). */
export function invitationTexts(
  organizationName: string,
  role: MemberRole,
  expiresAt: Date,
): { title: string; body: string; sms: string } {
  const until = moscowDate(expiresAt);
  return {
    title: `Приглашение в организацию ${organizationName}`,
    body:
      `${organizationName} приглашает вас в организацию (роль: ${ROLE_NAMES[role]}). ` +
      `Примите или отклоните приглашение в личном кабинете до ${until}. ` +
      'Пока вы его не примете, организация не видит ваших имени и данных.',
    sms: `${organizationName} приглашает вас в организацию. Ответьте в личном кабинете до ${until}.`,
  };
}
