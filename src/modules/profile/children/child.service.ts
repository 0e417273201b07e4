import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthPrincipal } from '../../../shared/auth';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { isIsoDate } from '../../../shared/graphql/date.scalar';
import { checkSnils, cleanText } from '../../../shared/identifiers';
import { DataAccessAction, DataAccessLogService } from '../../audit';
import { accountOwnerId, ChildEntity, IdentityDirectory, LinkVerification } from '../../identity';
import { ChildInput } from '../graphql/child.input';
import { Child } from '../graphql/child.type';
import { LinkCheckQueue } from '../links/link-check.queue';
import { LinkDeadlines } from '../links/link-deadlines';
import { waitingReason } from '../links/link-kinds';
import { LinkLimits } from '../links/link-limits';
import { LinkRequestBuilder } from '../links/link-request.builder';
import { ProfileErrorCode, ProfileException } from '../profile.exception';
import { ChildRepository } from '../../identity';
import { isDuplicateKey } from '../../../shared/database/duplicate-key';

export function toChild(entity: ChildEntity): Child {
  return Object.assign(new Child(), {
    id: entity.id,
    lastName: entity.lastName,
    firstName: entity.firstName,
    middleName: entity.middleName,
    birthDate: entity.birthDate,
    snils: entity.snils,
    schoolLogin: entity.schoolLogin,
    verification: entity.verification,
    linkedAt: entity.linkedAt,
    verifiedAt: entity.verifiedAt,
    verificationNote: waitingReason('CHILD', entity.verification),
  });
}

/** `addChild` / `removeChild`. */
@Injectable()
export class ChildService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly children: ChildRepository,
    private readonly audit: DataAccessLogService,
    private readonly identity: IdentityDirectory,
    private readonly limits: LinkLimits,
    private readonly requests: LinkRequestBuilder,
    private readonly checks: LinkCheckQueue,
    private readonly deadlines: LinkDeadlines,
  ) {}

  /**
   * Adds a child. With the child's SNILS and the parent's verified SNILS the birth-record check
   * is queued (PENDING); otherwise the link stays UNVERIFIED until both are there.
   */
  async add(principal: AuthPrincipal, input: ChildInput, ip?: string): Promise<Child> {
    const userId = accountOwnerId(principal);
    const child = Object.assign(new ChildEntity(), {
      id: randomUUID(),
      parentUserId: userId,
      lastName: cleanText(input.lastName),
      firstName: cleanText(input.firstName),
      middleName: input.middleName ? cleanText(input.middleName) || null : null,
      birthDate: this.birthDate(input.birthDate),
      snils: this.snils(input.snils),
      schoolLogin: input.schoolLogin ? input.schoolLogin.toLowerCase() : null,
      createdAt: new Date(),
      verification: LinkVerification.UNVERIFIED,
      verifiedAt: null,
    });
    child.linkedAt = child.createdAt;
    await this.limits.consume(userId);
    try {
      await this.tx.run(async (em) => {
        await this.identity.lockAccount(em, userId);
        this.limits.assertChildRoom(await this.children.countByParentId(em, userId));
        const holder = await this.requests.holder(em, userId);
        child.verification = this.requests.child(child, holder)
          ? LinkVerification.PENDING
          : LinkVerification.UNVERIFIED;
        await this.children.insert(em, child);
        if (child.verification === LinkVerification.PENDING) {
          await this.deadlines.start(
            em,
            userId,
            [{ kind: 'CHILD', id: child.id }],
            child.createdAt,
          );
        }
        await this.audit.record(
          em,
          DataAccessLogService.self(principal, userId, DataAccessAction.UPDATE, ['children'], ip),
        );
      });
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw new ProfileException(
          ProfileErrorCode.SCHOOL_LOGIN_TAKEN,
          'Этот школьный логин уже занят',
          {
            fields: [{ field: 'schoolLogin', message: 'Логин уже занят' }],
          },
        );
      }
      throw error;
    }
    if (child.verification === LinkVerification.PENDING) {
      await this.checks.queueAll([{ kind: 'CHILD', id: child.id }]);
    }
    return toChild(child);
  }

  /** NOT_FOUND for an unknown id and for another person's child alike. */
  async remove(principal: AuthPrincipal, id: string, ip?: string): Promise<boolean> {
    const userId = accountOwnerId(principal);
    await this.tx.run(async (em) => {
      if (!(await this.children.deleteOwned(em, userId, id))) {
        throw new ProfileException(ProfileErrorCode.CHILD_NOT_FOUND, 'Ребёнок не найден');
      }
      await this.audit.record(
        em,
        DataAccessLogService.self(principal, userId, DataAccessAction.UPDATE, ['children'], ip),
      );
    });
    return true;
  }

  private birthDate(value: string): string {
    if (!isIsoDate(value) || value > new Date().toISOString().slice(0, 10)) {
      throw ProfileException.invalidField(
        ProfileErrorCode.DATE_INVALID,
        'birthDate',
        'Дата рождения ребёнка не может быть в будущем',
      );
    }
    return value;
  }

  private snils(value: string | null | undefined): string | null {
    if (!value) {
      return null;
    }
    const snils = checkSnils(value);
    if (!snils.valid) {
      throw ProfileException.invalidField(ProfileErrorCode.SNILS_INVALID, 'snils', snils.message);
    }
    return snils.normalized;
  }
}
