import type { ConfigType } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import type { limitsConfig } from '../../../config/configuration';
import type { AuthPrincipal } from '../../../shared/auth';
import type { TransactionRunner } from '../../../core/database/transaction-runner';
import type { AttemptLimiter } from '../../../core/rate-limit/index';
import type { DataAccessLogService } from '../../audit';
import type { UserRepository } from '../../identity';
import type { MessagingService } from '../../messaging';
import type { PersonalNotices } from '../../notifications';
import type { OrganizationAccess } from '../access/organization-access.service';
import { MemberRole, MembershipStatus } from '../organization.enums';
import type { AccessGrantRepository } from '../repositories/access-grant.repository';
import type { MemberPersonRepository } from '../repositories/member-person.repository';
import type { MembershipRepository } from '../repositories/membership.repository';
import type { OrganizationRepository } from '../repositories/organization.repository';
import { invitationTexts } from './invitation-texts';
import { InvitationService, maskPhone, maskSnils } from './invitation.service';
import { strictFn as strict } from '../../../../test/support/unit';

const PRINCIPAL = { kind: 'user', userId: 'u-head', organizationId: 'org-a' } as AuthPrincipal;

describe(InvitationService.name, () => {
  let limiter: { hit: jest.Mock };
  let service: InvitationService;

  beforeEach(() => {
    limiter = { hit: strict() };
    const head = {
      id: 'm-head',
      organizationId: 'org-a',
      userId: 'u-head',
      role: MemberRole.HEAD,
      status: MembershipStatus.ACTIVE,
    };
    service = new InvitationService(
      {} as DataSource,
      {} as TransactionRunner,
      { requireManager: jest.fn().mockResolvedValue(head) } as unknown as OrganizationAccess,
      {} as OrganizationRepository,
      {} as MembershipRepository,
      {} as AccessGrantRepository,
      {} as MemberPersonRepository,
      {} as UserRepository,
      {} as DataAccessLogService,
      limiter as unknown as AttemptLimiter,
      {} as PersonalNotices,
      {} as MessagingService,
      { organizationInvitationsPerDay: 2 } as ConfigType<typeof limitsConfig>,
    );
  });

  it('should refuse malformed input before counting a look-up', async () => {
    await expect(
      service.invite(PRINCIPAL, { role: MemberRole.EMPLOYEE, phone: '12', snils: null }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(limiter.hit).not.toHaveBeenCalled();
  });

  it('should refuse with INVITATION_LIMIT_REACHED when the day is spent, before the look-up', async () => {
    limiter.hit = jest
      .fn()
      .mockResolvedValue({ allowed: false, count: 3, retryAfterSeconds: 7200 });
    (service as unknown as { limiter: unknown }).limiter = limiter;

    await expect(
      service.invite(PRINCIPAL, { role: MemberRole.EMPLOYEE, phone: '+79161234567' }),
    ).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      subCode: 'INVITATION_LIMIT_REACHED',
      extras: { retryAfterSeconds: 7200 },
    });
    expect(limiter.hit).toHaveBeenCalledWith(
      { name: 'org:invite', max: 2, windowSeconds: 86_400 },
      'org-a',
    );
  });
});

describe('invitation masks and texts', () => {
  it('should show only the last four digits of a phone and the check digits of a SNILS', () => {
    expect(maskPhone('+79161234567')).toBe('+7 *** ***-45-67');
    expect(maskSnils('123-456-789 64')).toBe('***-***-*** 64');
  });

  it('should name the organization, the role and the Moscow date in Russian', () => {
    const texts = invitationTexts(
      'ООО «Ромашка»',
      MemberRole.ADMIN,
      new Date('2026-12-21T22:30:00Z'),
    );
    expect(texts.title).toBe('Приглашение в организацию ООО «Ромашка»');
    expect(texts.body).toContain('роль: администратор');
    // 22:30 UTC is already the next day in Moscow.
    expect(texts.sms).toContain('до 22.12.2026');
  });
});
