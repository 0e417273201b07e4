import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IdentityDirectory } from '../../identity';
import type { IdentityMatchKind } from '../../identity';
import { ProfileDirectory } from '../../profile';
import type { ProfileMatchKind } from '../../profile';
import { SubjectKind } from '../graphql/subject-kind.enum';
import { scopeOf } from './category-exposure';

// Which module keeps each identifier; both answer with an indexed equality and keyset paging.
const OWNER: Record<SubjectKind, 'identity' | 'profile'> = {
  SNILS: 'identity',
  PHONE: 'identity',
  CHILD_SNILS: 'identity',
  VEHICLE_PLATE: 'profile',
  DRIVER_LICENSE: 'profile',
  PAYER_CODE: 'profile',
  ELECTRICITY_ACCOUNT: 'profile',
  OMS_POLICY: 'profile',
  ADDRESS: 'profile',
};

/** Finds the accounts a subject names through the ports of the modules that keep identifiers. */
@Injectable()
export class SubjectMatcher {
  constructor(
    private readonly identity: IdentityDirectory,
    private readonly profile: ProfileDirectory,
  ) {}

  /**
   * A page of the account ids an event reaches, in id order after `after` (keyset), at most
   * `limit`. A personal category reaches only VERIFIED links proven by the time the event
   * occurred; a public one any link (`category-exposure.ts`).
   */
  matchedUsersPage(
    em: EntityManager,
    subject: { kind: SubjectKind; value: string },
    event: { category: string; occurredAt: Date },
    after: string,
    limit: number,
  ): Promise<string[]> {
    const scope = scopeOf(event.category, event.occurredAt);
    return OWNER[subject.kind] === 'identity'
      ? this.identity.matchSubjects(
          em,
          subject.kind as IdentityMatchKind,
          subject.value,
          after,
          limit,
          scope,
        )
      : this.profile.matchSubjects(
          em,
          subject.kind as ProfileMatchKind,
          subject.value,
          after,
          limit,
          scope,
        );
  }
}
