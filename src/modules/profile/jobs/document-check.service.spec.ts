import type { DataSource, EntityManager } from 'typeorm';
import type { TransactionRunner } from '../../../core/database/transaction-runner';
import type { DataAccessLogService } from '../../audit';
import type { ApplicationService } from '../applications/application.service';
import { IdentityDocumentEntity } from '../../identity';
import type { DocumentStatusEvents } from '../events/document-status.events';
import { DocumentKind, VerificationStatus } from '../profile.enums';
import { PersonRegistry, RegistryUnavailableError } from '../registry/person-registry.port';
import type { IdentityDocumentRepository } from '../../identity';
import type { UserProfileRepository } from '../repositories/user-profile.repository';
import { DocumentCheckService } from './document-check.service';
import { strictObject as strict } from '../../../../test/support/unit';

// A mock whose un-stubbed methods fail the test.
const em = {} as EntityManager;

function pending(overrides: Partial<IdentityDocumentEntity> = {}): IdentityDocumentEntity {
  return Object.assign(new IdentityDocumentEntity(), {
    id: 'd1',
    userId: 'u1',
    kind: DocumentKind.SNILS,
    series: null,
    number: '112-233-445 95',
    issuedAt: null,
    issuedBy: null,
    status: VerificationStatus.PENDING,
    inForce: false,
    submittedAt: new Date(),
    verifiedAt: null,
    rejectionReason: null,
    checkExpiresAt: new Date(Date.now() + 60_000),
    updatedAt: new Date(),
    ...overrides,
  });
}

const account = {
  id: 'u1',
  lastName: 'Иванов',
  firstName: 'Иван',
  middleName: null,
  birthDate: '1980-01-01',
};

function service(
  documents: Partial<Record<keyof IdentityDocumentRepository, unknown>>,
  registry: Partial<Record<keyof PersonRegistry, unknown>>,
  tx: Partial<Record<keyof TransactionRunner, unknown>> = {},
): DocumentCheckService {
  return new DocumentCheckService(
    strict<DataSource>({ manager: em }),
    strict<TransactionRunner>(tx),
    strict<IdentityDocumentRepository>(documents),
    strict<UserProfileRepository>({ findAccount: jest.fn().mockResolvedValue(account) }),
    strict<ApplicationService>(),
    strict<DataAccessLogService>(),
    strict<PersonRegistry>(registry),
    strict<DocumentStatusEvents>(),
  );
}

describe(DocumentCheckService.name, () => {
  it('should let an unavailable registry throw so the job is retried, changing nothing', async () => {
    const checkSnils = jest.fn().mockRejectedValue(new RegistryUnavailableError('HTTP 503'));
    const checks = service({ findById: jest.fn().mockResolvedValue(pending()) }, { checkSnils });
    await expect(checks.check('d1')).rejects.toThrow(RegistryUnavailableError);
    expect(checkSnils).toHaveBeenCalledWith({
      lastName: 'Иванов',
      firstName: 'Иван',
      middleName: null,
      birthDate: '1980-01-01',
      snils: '112-233-445 95',
    });
  });

  it('should not ask the registry about a document already decided', async () => {
    const decided = pending({ status: VerificationStatus.EXPIRED });
    const checks = service({ findById: jest.fn().mockResolvedValue(decided) }, {});
    await expect(checks.check('d1')).resolves.toBeUndefined();
  });

  it('should leave a document expired while the registry was asked', async () => {
    const findById = jest
      .fn()
      .mockResolvedValueOnce(pending())
      .mockResolvedValueOnce(pending({ status: VerificationStatus.EXPIRED }));
    const checks = service(
      { findById },
      { checkSnils: jest.fn().mockResolvedValue('MATCH') },
      { run: (work: (e: EntityManager) => Promise<unknown>) => work(em) },
    );
    await expect(checks.check('d1')).resolves.toBeUndefined();
    expect(findById).toHaveBeenLastCalledWith(em, 'd1', true);
  });
});
