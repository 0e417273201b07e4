import type { DataSource } from 'typeorm';
import type { AttemptLimiter } from '../../../core/rate-limit/index';
import type { AuthLimits } from '../auth-limits';
import type { ClientInfo } from '../client-info.decorator';
import type { CodeDeliveryService } from '../codes/code-delivery.service';
import type { OneTimeCodeService } from '../codes/one-time-code.service';
import type { PasswordHasher } from '../credentials/password-hasher.service';
import { OneTimeCodePurpose } from '../entities/one-time-code.entity';
import type { UserEntity } from '../../identity';
import type { AuthPayload } from '../graphql/auth.payload';
import { RecoveryChannel } from '../graphql/recovery-channel.enum';
import type { UserRepository } from '../../identity';
import type { SessionService } from '../sessions/session.service';
import { EmployeeDirectory } from './employee-directory';
import { LoginService } from './login.service';
import { strictFn as strict } from '../../../../test/support/unit';

const INN = '7707083893';
const LOGIN = `${INN}/ТН-42`;
const CLIENT: ClientInfo = { ip: '203.0.113.5', userAgent: 'jest' };
const USER = { id: 'u1', phone: '+79161234567', passwordHash: 'hash' } as UserEntity;
const PAYLOAD = { accessToken: 'a' } as AuthPayload;

describe(LoginService.name, () => {
  let users: { findById: jest.Mock; findByLogin: jest.Mock };
  let codes: { verify: jest.Mock };
  let delivery: { request: jest.Mock };
  let sessions: { start: jest.Mock; signedInBefore: jest.Mock };
  let limiter: { consume: jest.Mock; reset: jest.Mock };
  let hasher: { verify: jest.Mock };
  let lookup: jest.Mock;
  let service: LoginService;

  beforeEach(() => {
    users = { findById: strict(), findByLogin: strict() };
    codes = { verify: strict() };
    delivery = { request: strict() };
    sessions = { start: strict(), signedInBefore: strict() };
    hasher = { verify: strict() };
    lookup = jest.fn();
    const directory = new EmployeeDirectory();
    directory.register(lookup);
    limiter = { consume: jest.fn(), reset: jest.fn() };
    service = new LoginService(
      { manager: {} } as unknown as DataSource,
      users as unknown as UserRepository,
      hasher as unknown as PasswordHasher,
      codes as unknown as OneTimeCodeService,
      delivery as unknown as CodeDeliveryService,
      limiter as unknown as AttemptLimiter,
      {
        codeRequests: { name: 'code' },
        attemptsPerIp: { name: 'ip' },
        credentialFailures: { name: 'acct' },
        signedInFailures: { name: 'sess' },
      } as unknown as AuthLimits,
      sessions as unknown as SessionService,
      directory,
    );
  });

  it('should queue a login code to the member’s phone when an employee login names a membership', async () => {
    lookup.mockResolvedValue({ userId: 'u1', organizationId: 'org1' });
    users.findById.mockResolvedValue(USER);
    delivery.request.mockResolvedValue(undefined);

    await expect(service.requestCode(LOGIN, CLIENT)).resolves.toBe(true);

    expect(lookup).toHaveBeenCalledWith(INN, 'ТН-42');
    expect(delivery.request).toHaveBeenCalledWith({
      purpose: OneTimeCodePurpose.Login,
      login: { kind: 'phone', phone: USER.phone },
      channel: RecoveryChannel.SMS,
    });
  });

  it('should answer true and queue nothing when the employee login names nobody', async () => {
    lookup.mockResolvedValue(null);
    await expect(service.requestCode(LOGIN, CLIENT)).resolves.toBe(true);
    expect(delivery.request).not.toHaveBeenCalled();
  });

  it('should sign an employee in with the membership’s organization when the code is right', async () => {
    lookup.mockResolvedValue({ userId: 'u1', organizationId: 'org1' });
    users.findById.mockResolvedValue(USER);
    codes.verify.mockResolvedValue(true);
    sessions.start.mockResolvedValue(PAYLOAD);

    await expect(service.loginWithCode(LOGIN, '123456', CLIENT)).resolves.toBe(PAYLOAD);

    expect(codes.verify).toHaveBeenCalledWith('u1', OneTimeCodePurpose.Login, '123456');
    expect(sessions.start).toHaveBeenCalledWith(USER, CLIENT, { organizationId: 'org1' });
  });

  it('should refuse an employee code login when the code is wrong', async () => {
    lookup.mockResolvedValue({ userId: 'u1', organizationId: 'org1' });
    users.findById.mockResolvedValue(USER);
    codes.verify.mockResolvedValue(false);

    await expect(service.loginWithCode(LOGIN, '000000', CLIENT)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'CODE_INVALID',
    });
  });

  it('should open a session without organization for a phone login', async () => {
    users.findByLogin.mockResolvedValue(USER);
    codes.verify.mockResolvedValue(true);
    sessions.start.mockResolvedValue(PAYLOAD);

    await service.loginWithCode('+7 916 123-45-67', '123456', CLIENT);

    expect(lookup).not.toHaveBeenCalled();
    expect(sessions.start).toHaveBeenCalledWith(USER, CLIENT, { organizationId: null });
  });

  describe('attempt counting', () => {
    const counted = (): [string, string][] =>
      (limiter.consume.mock.calls as [{ name: string }, string][]).map(([limit, key]) => [
        limit.name,
        key,
      ]);

    it('should count every login of an account under the account, not the spelling', async () => {
      users.findByLogin.mockResolvedValue(USER);
      lookup.mockResolvedValue({ userId: 'u1', organizationId: 'org1' });
      users.findById.mockResolvedValue(USER);
      hasher.verify.mockResolvedValue(false);

      for (const login of ['+79161234567', 'maria@example.ru', '112-233-445 95', LOGIN]) {
        await expect(service.login(login, 'wrong', CLIENT)).rejects.toMatchObject({
          subCode: 'INVALID_CREDENTIALS',
        });
      }

      expect(counted().filter(([name]) => name === 'acct')).toEqual([
        ['acct', 'user:u1'],
        ['acct', 'user:u1'],
        ['acct', 'user:u1'],
        ['acct', 'user:u1'],
      ]);
    });

    it('should count a login that names no account under its spelling', async () => {
      users.findByLogin.mockResolvedValue(null);
      hasher.verify.mockResolvedValue(false);

      await expect(service.login('8 916 123-45-67', 'wrong', CLIENT)).rejects.toMatchObject({
        subCode: 'INVALID_CREDENTIALS',
      });

      expect(counted()).toEqual([
        ['ip', CLIENT.ip],
        ['acct', 'phone:+79161234567'],
      ]);
    });

    it('should count a client holding a refresh token of the account per session', async () => {
      users.findByLogin.mockResolvedValue(USER);
      sessions.signedInBefore.mockResolvedValue('s1');
      hasher.verify.mockResolvedValue(true);
      sessions.start.mockResolvedValue(PAYLOAD);

      await expect(service.login('+79161234567', 'right', CLIENT, 'rt')).resolves.toBe(PAYLOAD);

      expect(sessions.signedInBefore).toHaveBeenCalledWith('rt', 'u1');
      expect(counted()).toEqual([
        ['ip', CLIENT.ip],
        ['sess', 'session:s1'],
      ]);
      expect(limiter.reset).toHaveBeenCalledWith({ name: 'sess' }, 'session:s1');
    });

    it('should count under the account when the refresh token proves nothing', async () => {
      users.findByLogin.mockResolvedValue(USER);
      sessions.signedInBefore.mockResolvedValue(null);
      hasher.verify.mockResolvedValue(false);

      await expect(service.login('+79161234567', 'wrong', CLIENT, 'stale')).rejects.toMatchObject({
        subCode: 'INVALID_CREDENTIALS',
      });

      expect(counted()).toEqual([
        ['ip', CLIENT.ip],
        ['acct', 'user:u1'],
      ]);
    });
  });
});
