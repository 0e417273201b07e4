import { emailCopy, eventNotificationBody, smsText } from './notification-texts';

describe('notification texts', () => {
  it('should add the amount and the Moscow date to the event body', () => {
    const body = eventNotificationBody({
      body: 'Превышение скорости',
      amount: '1500.00',
      dueAt: new Date('2026-05-20T21:30:00Z'),
    });
    expect(body).toBe('Превышение скорости\nСумма: 1\u00a0500,00 ₽\nСрок: до 21.05.2026');
  });

  it('should give null when there is nothing to say besides the title', () => {
    expect(eventNotificationBody({ body: null, amount: null, dueAt: null })).toBeNull();
  });

  it('should keep an SMS within 300 characters and on one line', () => {
    const text = smsText('Штраф', `строка\n${'а'.repeat(400)}`);
    expect(text.length).toBe(300);
    expect(text).toMatch(/^Кабинет: Штраф\. строка\. а+…$/);
  });

  it('should put the title into the e-mail subject and text', () => {
    expect(emailCopy('Отключение воды', null)).toEqual({
      subject: 'Кабинет: Отключение воды',
      text: expect.stringContaining('Отключение воды\n\nЭто уведомление'),
    });
  });
});
