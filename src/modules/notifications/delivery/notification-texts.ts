const MOSCOW_DATE = new Intl.DateTimeFormat('ru-RU', {
  timeZone: 'Europe/Moscow',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const RUB = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const SMS_LIMIT = 300;

/** `1 500,00 ₽` (non-breaking spaces as Intl writes them). */
export function formatRoubles(amount: number): string {
  return `${RUB.format(amount)} ₽`;
}

/** `20.05.2026`, the date in Moscow. */
export function formatMoscowDate(date: Date): string {
  return MOSCOW_DATE.format(date);
}

/** The body of an event's notification: its text, then the amount and the date that matters. */
export function eventNotificationBody(event: {
  body: string | null;
  amount: string | null;
  dueAt: Date | null;
}): string | null {
  const lines = [
    event.body,
    event.amount !== null ? `Сумма: ${formatRoubles(Number(event.amount))}` : null,
    event.dueAt ? `Срок: до ${formatMoscowDate(event.dueAt)}` : null,
  ].filter((line): line is string => !!line);
  return lines.length > 0 ? lines.join('\n').slice(0, 2000) : null;
}

/** The SMS copy of a notification. */
export function smsText(title: string, body: string | null): string {
  const text = `Кабинет: ${title}${body ? `. ${body.replace(/\n/g, '. ')}` : ''}`;
  return text.length > SMS_LIMIT ? `${text.slice(0, SMS_LIMIT - 1)}…` : text;
}

/** The e-mail copy of a notification. */
export function emailCopy(title: string, body: string | null): { subject: string; text: string } {
  return {
    subject: `Кабинет: ${title}`,
    text: [
      title,
      body ?? '',
      'Это уведомление из личного кабинета. Настроить уведомления можно в разделе «Подписки».',
    ]
      .filter(Boolean)
      .join('\n\n'),
  };
}
