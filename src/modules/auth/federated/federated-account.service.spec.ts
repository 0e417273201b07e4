import { QueryFailedError } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { DataAccessEntry, DataAccessLogService } from '../../audit';
import type { TransactionRunner } from '../../../core/database/transaction-runner';
import type { PasswordHasher } from '../credentials/password-hasher.service';
import { UserEntity } from '../../identity';
import type { UserRepository } from '../../identity';
import type { SessionService } from '../sessions/session.service';
import type { SnilsDisputeService } from '../linking/snils-dispute.service';
import type { AccountLinkCompletions } from '../linking/account-link.completions';
import { NewAccountFactory } from '../linking/new-account.factory';
import { FederatedAccountService } from './federated-account.service';
import type { FederatedOutcome, FederatedSignIn } from './federated-account.service';
import type { FederatedClaims } from './federated-claims';
import type { FederatedIdentityRepository } from '../../identity';
import { FederatedLoginException } from './federated-login.exception';
import type { TrustedSnilsRepository } from '../../identity';
import { strictObject as strict } from '../../../../test/support/unit';

// A mock whose un-stubbed methods fail the test.
const em = {} as EntityManager;
const ISSUER = 'https://esia.example';
const client = { ip: '10.0.0.1', userAgent: 'jest' };

function claims(overrides: Partial<FederatedClaims> = {}): FederatedClaims {
  return {
    subject: 'sub-1',
    lastName: 'Иванова',
    firstName: 'Мария',
    middleName: null,
    birthDate: '1990-01-01',
    phone: '+79161234567',
    phoneVerified: true,
    snils: '112-233-445 95',
    trusted: false,
    ...overrides,
  };
}

function user(id: string): UserEntity {
  return Object.assign(new UserEntity(), { id, phone: '+79161234567' });
}

interface Mocks {
  identities?: Partial<Record<keyof FederatedIdentityRepository, unknown>>;
  users?: Partial<Record<keyof UserRepository, unknown>>;
  snils?: Partial<Record<keyof TrustedSnilsRepository, unknown>>;
  run?: jest.Mock;
}

function build(mocks: Mocks) {
  const record = jest.fn().mockResolvedValue(undefined);
  const open = jest.fn().mockResolvedValue({ session: { id: 's1' }, refreshToken: 'r' });
  const run = mocks.run ?? jest.fn((work: (m: EntityManager) => unknown) => work(em));
  const service = new FederatedAccountService(
    strict<TransactionRunner>({ run }),
    strict<FederatedIdentityRepository>(mocks.identities),
    strict<TrustedSnilsRepository>(mocks.snils),
    strict<UserRepository>(mocks.users),
    new NewAccountFactory(
      strict<UserRepository>(mocks.users),
      strict<PasswordHasher>({ hash: jest.fn().mockResolvedValue('$argon2id$hash') }),
    ),
    strict<SessionService>({ open }),
    strict<DataAccessLogService>({ record }),
    strict<AccountLinkCompletions>({ register: jest.fn() }),
    strict<SnilsDisputeService>({}),
  );
  return { service, record, open, run };
}

function signedIn(outcome: FederatedOutcome): FederatedSignIn {
  if (outcome.kind !== 'signedIn') {
    throw new Error(`expected a sign-in, got ${outcome.kind}`);
  }
  return outcome;
}

describe(FederatedAccountService.name, () => {
  it('should sign in the account linked to the identity and touch the link', async () => {
    const recordLogin = jest.fn().mockResolvedValue(undefined);
    const { service, record, open } = build({
      identities: {
        findByIssuerAndSubject: jest.fn().mockResolvedValue({ id: 'i1', userId: 'u1' }),
        recordLogin,
      },
      users: { findById: jest.fn().mockResolvedValue(user('u1')) },
    });
    const result = signedIn(await service.signIn(ISSUER, claims(), client));
    expect(result).toMatchObject({ origin: 'identity', snilsConfirmed: false });
    expect(result.user.id).toBe('u1');
    expect(recordLogin).toHaveBeenCalledWith(em, 'i1', { lastLoginAt: expect.any(Date) });
    expect(open).toHaveBeenCalledWith(em, 'u1', client);
    expect(record).not.toHaveBeenCalled();
  });

  it('should sign nobody in and write nothing when a verified SNILS matches an unlinked account', async () => {
    const insert = jest.fn();
    const findByPhone = jest.fn();
    const { service, record, open } = build({
      identities: {
        findByIssuerAndSubject: jest.fn().mockResolvedValue(null),
        findByUserAndIssuer: jest.fn().mockResolvedValue(null),
        insert,
      },
      users: { findBySnilsVerified: jest.fn().mockResolvedValue(user('u2')), findByPhone },
    });
    const result = await service.signIn(ISSUER, claims(), client);
    expect(result).toMatchObject({ kind: 'linkRequired', origin: 'snils', user: { id: 'u2' } });
    expect(findByPhone).not.toHaveBeenCalled();
    expect(insert).not.toHaveBeenCalled();
    expect(record).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });

  it('should not match by a phone the provider did not confirm', async () => {
    const { service } = build({
      identities: { findByIssuerAndSubject: jest.fn().mockResolvedValue(null) },
      users: {
        findBySnilsVerified: jest.fn().mockResolvedValue(null),
        findByPhone: jest.fn().mockResolvedValue(user('u3')),
      },
    });
    await expect(
      service.signIn(ISSUER, claims({ phoneVerified: false }), client),
    ).rejects.toMatchObject({ subCode: 'FEDERATED_PHONE_TAKEN', code: 'CONFLICT' });
  });

  it('should refuse to link an account that has another identity at the provider', async () => {
    const { service } = build({
      identities: {
        findByIssuerAndSubject: jest.fn().mockResolvedValue(null),
        findByUserAndIssuer: jest.fn().mockResolvedValue({ id: 'other' }),
      },
      users: {
        findBySnilsVerified: jest.fn().mockResolvedValue(null),
        findByPhone: jest.fn().mockResolvedValue(user('u4')),
      },
    });
    await expect(service.signIn(ISSUER, claims(), client)).rejects.toMatchObject({
      subCode: 'FEDERATED_ACCOUNT_LINKED_ELSEWHERE',
    });
  });

  it('should create an account, confirm a trusted SNILS and audit both', async () => {
    const insertUser = jest.fn().mockResolvedValue(undefined);
    const insertVerified = jest.fn().mockResolvedValue(undefined);
    const { service, record } = build({
      identities: {
        findByIssuerAndSubject: jest.fn().mockResolvedValue(null),
        insert: jest.fn().mockResolvedValue(undefined),
      },
      users: {
        findBySnilsVerified: jest.fn().mockResolvedValue(null),
        findByPhone: jest.fn().mockResolvedValue(null),
        insert: insertUser,
      },
      snils: {
        lockAccount: jest.fn().mockResolvedValue(undefined),
        findInForce: jest.fn().mockResolvedValue(null),
        insertVerified,
      },
    });
    const result = signedIn(await service.signIn(ISSUER, claims({ trusted: true }), client));
    expect(result).toMatchObject({ origin: 'created', snilsConfirmed: true });
    expect(insertUser).toHaveBeenCalledWith(
      em,
      expect.objectContaining({
        lastName: 'Иванова',
        phone: '+79161234567',
        passwordHash: '$argon2id$hash',
        email: null,
      }),
    );
    expect(insertVerified).toHaveBeenCalledWith(
      em,
      result.user.id,
      '112-233-445 95',
      expect.any(Date),
    );
    const entries = record.mock.calls.map((call) => call[1] as DataAccessEntry);
    expect(entries.map((entry) => [entry.action, entry.fields])).toEqual([
      ['UPDATE', ['lastName', 'firstName', 'phone', 'birthDate']],
      ['UPDATE', ['snils']],
    ]);
  });

  it('should leave a SNILS verified on another account alone', async () => {
    const insertVerified = jest.fn();
    const { service } = build({
      identities: {
        findByIssuerAndSubject: jest.fn().mockResolvedValue({ id: 'i1', userId: 'u1' }),
        recordLogin: jest.fn().mockResolvedValue(undefined),
      },
      users: {
        findById: jest.fn().mockResolvedValue(user('u1')),
        findBySnilsVerified: jest.fn().mockResolvedValue(user('someone-else')),
      },
      snils: {
        lockAccount: jest.fn().mockResolvedValue(undefined),
        findInForce: jest.fn().mockResolvedValue(null),
        insertVerified,
      },
    });
    const result = signedIn(await service.signIn(ISSUER, claims({ trusted: true }), client));
    expect(result.snilsConfirmed).toBe(false);
    expect(insertVerified).not.toHaveBeenCalled();
  });

  it('should refuse a new account without names or phone', async () => {
    const { service } = build({
      identities: { findByIssuerAndSubject: jest.fn().mockResolvedValue(null) },
      users: { findBySnilsVerified: jest.fn().mockResolvedValue(null) },
    });
    const error = await service
      .signIn(ISSUER, claims({ phone: null, lastName: null }), client)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FederatedLoginException);
    expect(error).toMatchObject({
      code: 'PROFILE_INCOMPLETE',
      extras: { missingFields: ['lastName', 'phone'] },
    });
  });

  it('should run once more when a concurrent first sign-in inserted the identity', async () => {
    const duplicate = Object.assign(new QueryFailedError('INSERT', [], new Error('dup')), {
      driverError: {
        errno: 1062,
        message: "Duplicate entry for key 'uq_federated_identities_issuer_subject'",
      },
    });
    const run = jest
      .fn()
      .mockRejectedValueOnce(duplicate)
      .mockImplementationOnce((work: (m: EntityManager) => unknown) => work(em));
    const { service } = build({
      run,
      identities: {
        findByIssuerAndSubject: jest.fn().mockResolvedValue({ id: 'i1', userId: 'u1' }),
        recordLogin: jest.fn().mockResolvedValue(undefined),
      },
      users: { findById: jest.fn().mockResolvedValue(user('u1')) },
    });
    await expect(service.signIn(ISSUER, claims(), client)).resolves.toMatchObject({
      origin: 'identity',
    });
    expect(run).toHaveBeenCalledTimes(2);
  });
});
