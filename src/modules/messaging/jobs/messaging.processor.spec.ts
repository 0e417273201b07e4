import type { Job } from 'bull';
import { JobName } from '../../../queues/queue-names';
import { EmailDriver } from '../drivers/email.driver';
import { SmsDriver } from '../drivers/sms.driver';
import { MessagingProcessor } from './messaging.processor';

function fakeJob(name: string, data: unknown): Job<unknown> & { discard: jest.Mock } {
  return { name, data, id: 1, attemptsMade: 0, opts: {}, discard: jest.fn() } as never;
}

describe(MessagingProcessor.name, () => {
  const sms = { send: jest.fn() } as jest.Mocked<SmsDriver>;
  const email = { send: jest.fn(), close: jest.fn() } as jest.Mocked<EmailDriver>;
  const processor = new MessagingProcessor(sms, email);

  beforeEach(() => jest.resetAllMocks());

  it('should hand an SMS job to the SMS driver', async () => {
    sms.send.mockResolvedValue();
    await processor.sendSms(fakeJob(JobName.SendSms, { to: '+79161234567', text: 'Код: 123456' }));
    expect(sms.send).toHaveBeenCalledWith({ to: '+79161234567', text: 'Код: 123456' });
  });

  it('should hand an e-mail job to the e-mail driver', async () => {
    email.send.mockResolvedValue();
    const data = { to: 'a@example.ru', subject: 'Тема', text: 'Текст' };
    await processor.sendEmail(fakeJob(JobName.SendEmail, data));
    expect(email.send).toHaveBeenCalledWith(data);
  });

  it('should let a driver failure propagate so Bull retries', async () => {
    sms.send.mockRejectedValue(new Error('SMS gateway answered HTTP 500'));
    await expect(
      processor.sendSms(fakeJob(JobName.SendSms, { to: '+79161234567', text: 'x' })),
    ).rejects.toThrow('HTTP 500');
  });

  it('should discard a malformed payload instead of retrying it', async () => {
    const job = fakeJob(JobName.SendSms, { to: 42 });
    await expect(processor.sendSms(job)).rejects.toThrow('malformed');
    expect(job.discard).toHaveBeenCalled();
    expect(sms.send).not.toHaveBeenCalled();
  });
});
