import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { registryConfig } from '../../config/configuration';
import type { AuthPrincipal } from '../../shared/auth';
import { TransactionRunner } from '../../core/database/transaction-runner';
import { AppException } from '../../shared/errors';
import { isIsoDate } from '../../shared/graphql/date.scalar';
import { cleanText } from '../../shared/identifiers';
import { DataAccessAction, DataAccessLogService } from '../audit';
import { toUser, User } from '../auth';
import { accountOwnerId, LinkVerification } from '../identity';
import type { UserEntity } from '../identity';
import { ApplicationService } from './applications/application.service';
import { DOCUMENT_KINDS } from './documents/document-kinds';
import { startRecheck } from './documents/document-lifecycle';
import { IdentityDocumentEntity } from '../identity';
import { UserProfileEntity } from './entities/user-profile.entity';
import { DocumentStatusEvents } from './events/document-status.events';
import { UpdateProfileInput } from './graphql/update-profile.input';
import { DocumentCheckQueue } from './jobs/document-check.queue';
import { LinkCheckQueue } from './links/link-check.queue';
import { LinkDeadlines } from './links/link-deadlines';
import { FIELD_LINK_KIND, PROFILE_FIELD_LINKS, ProfileFieldLink } from './links/link-kinds';
import { LinkLimits } from './links/link-limits';
import { LinkRequestBuilder } from './links/link-request.builder';
import type { LinkKind } from './registry/person-registry.port';
import { ProfileErrorCode, ProfileException } from './profile.exception';
import { VerificationStatus } from './profile.enums';
import { IdentityDocumentRepository } from '../identity';
import { AccountPersonalData, UserProfileRepository } from './repositories/user-profile.repository';
import { isDuplicateKey } from '../../shared/database/duplicate-key';

// Changing these after a document was verified sends the document back to the registry.
const IDENTITY_FIELDS = ['lastName', 'firstName', 'middleName', 'birthDate'] as const;

// The links the registry proves with the holder's names (and birth date): a change of those sends
// them back for a check, as it does the SNILS and the passport.
const HOLDER_PROVEN_LINKS = ['omsPolicy', 'driverLicense'] as const;
const PROFILE_FIELDS = [
  'address',
  'driverLicense',
  'payerCode',
  'electricityAccount',
  'omsPolicy',
] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

// The proof given with a link; changing it starts a new check like changing the value does.
const PROOF_FIELDS = [
  'driverLicenseIssuedAt',
  'payerCodeCheck',
  'electricityAccountCheck',
] as const;
type ProofField = (typeof PROOF_FIELDS)[number];
const PROOF_OF: Partial<Record<ProfileFieldLink, ProofField>> = {
  driverLicense: 'driverLicenseIssuedAt',
  payerCode: 'payerCodeCheck',
  electricityAccount: 'electricityAccountCheck',
};

function digits(value: string): string {
  return value.replace(/\D/g, '');
}

// Stored forms: digits only for numbers, licence and certificate upper-case without spaces.
const NORMALIZE: Record<ProfileField, (value: string) => string> = {
  address: (v) => cleanText(v).replace(/\s+/g, ' '),
  driverLicense: (v) => v.replace(/\s/g, '').toUpperCase(),
  payerCode: digits,
  electricityAccount: digits,
  omsPolicy: digits,
};

// A stolen access token alone must not move the account's e-mail (then the recovery by e-mail
// would hand the account over): a new address is proven by a code sent to it, through
// requestEmailChange / confirmEmailChange. Sending the current address again changes nothing.
function refuseEmailChange(input: UpdateProfileInput, current: string | null): void {
  if (input.email === undefined) {
    return;
  }
  const email = input.email === null ? null : input.email.trim().toLowerCase();
  if (email !== current) {
    throw ProfileException.invalidField(
      ProfileErrorCode.EMAIL_CHANGE_NEEDS_CONFIRMATION,
      'email',
      'Адрес электронной почты меняется только с подтверждением: запросите код на новый адрес',
    );
  }
}

/** `updateProfile`: the person's names, birth date and service identifiers (e-mail: read only). */
@Injectable()
export class ProfileService {
  private readonly logger = new Logger(ProfileService.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly accounts: UserProfileRepository,
    private readonly documents: IdentityDocumentRepository,
    private readonly applications: ApplicationService,
    private readonly audit: DataAccessLogService,
    private readonly queue: DocumentCheckQueue,
    private readonly events: DocumentStatusEvents,
    private readonly limits: LinkLimits,
    private readonly requests: LinkRequestBuilder,
    private readonly linkChecks: LinkCheckQueue,
    private readonly deadlines: LinkDeadlines,
    @Inject(registryConfig.KEY) private readonly config: ConfigType<typeof registryConfig>,
  ) {}

  async update(principal: AuthPrincipal, input: UpdateProfileInput, ip?: string): Promise<User> {
    const userId = accountOwnerId(principal);
    const accountChanges = this.accountChanges(input);
    const proofs = this.proofChanges(input);
    if (PROFILE_FIELD_LINKS.some((f) => input[f] !== undefined) || Object.keys(proofs).length > 0) {
      await this.limits.consume(userId);
    }
    const { user, rechecked, linkChecks } = await this.tx.run(async (em) => {
      const account = await this.accounts.findAccount(em, userId, true);
      if (!account) {
        throw AppException.unauthenticated();
      }
      refuseEmailChange(input, account.email);
      const changed = [
        ...Object.keys(accountChanges).filter(
          (k) => accountChanges[k as keyof AccountPersonalData] !== account[k as keyof UserEntity],
        ),
      ];
      await this.updateAccount(em, userId, accountChanges);
      const identityChanged = IDENTITY_FIELDS.some((f) => changed.includes(f));
      // First the documents (their re-check is what the OMS policy waits for), then the links.
      const recheck = identityChanged ? await this.startRechecks(em, userId) : [];
      const row = await this.updateProfileRow(em, userId, input, proofs, identityChanged);
      await this.deadlines.start(em, userId, row.linkChecks, new Date());
      changed.push(...row.changed);
      await this.audit.record(
        em,
        DataAccessLogService.self(principal, userId, DataAccessAction.UPDATE, changed, ip),
      );
      const updated = await this.accounts.findAccount(em, userId);
      return { user: toUser(updated!), rechecked: recheck, linkChecks: row.linkChecks };
    });
    await this.linkChecks.queueAll(linkChecks);
    for (const document of rechecked) {
      await this.queue.ensureQueued(document.id).catch((error: unknown) => {
        this.logger.error({ err: error, documentId: document.id }, 're-check not queued');
      });
      await this.events.statusChanged({
        userId,
        documentId: document.id,
        kind: document.kind,
        status: document.status,
        rejectionReason: null,
      });
    }
    return user;
  }

  private accountChanges(input: UpdateProfileInput): AccountPersonalData {
    const changes: AccountPersonalData = {};
    for (const field of ['lastName', 'firstName'] as const) {
      const value = input[field];
      if (value === null) {
        throw ProfileException.invalidField(
          ProfileErrorCode.FIELD_REQUIRED,
          field,
          field === 'lastName' ? 'Фамилию нельзя удалить' : 'Имя нельзя удалить',
        );
      }
      if (value !== undefined) {
        changes[field] = cleanText(value);
      }
    }
    if (input.middleName !== undefined) {
      changes.middleName = input.middleName === null ? null : cleanText(input.middleName) || null;
    }
    if (input.birthDate !== undefined) {
      if (input.birthDate !== null && !this.plausibleBirthDate(input.birthDate)) {
        throw ProfileException.invalidField(
          ProfileErrorCode.DATE_INVALID,
          'birthDate',
          'Дата рождения должна быть в прошлом, не ранее 1900 года',
        );
      }
      changes.birthDate = input.birthDate;
    }
    return changes;
  }

  private plausiblePastDate(value: string): boolean {
    return this.plausibleBirthDate(value);
  }

  private plausibleBirthDate(value: string): boolean {
    return (
      isIsoDate(value) && value >= '1900-01-01' && value <= new Date().toISOString().slice(0, 10)
    );
  }

  private async updateAccount(em: EntityManager, userId: string, changes: AccountPersonalData) {
    if (Object.keys(changes).length === 0) {
      return;
    }
    try {
      await this.accounts.updateAccount(em, userId, changes, new Date());
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw new ProfileException(
          ProfileErrorCode.EMAIL_TAKEN,
          'Этот адрес электронной почты уже используется',
          { fields: [{ field: 'email', message: 'Адрес уже используется' }] },
        );
      }
      throw error;
    }
  }

  /** The proof fields given, normalised (null clears). */
  private proofChanges(input: UpdateProfileInput): Partial<Record<ProofField, string | null>> {
    const proofs: Partial<Record<ProofField, string | null>> = {};
    for (const field of PROOF_FIELDS) {
      const raw = input[field];
      if (raw === undefined) {
        continue;
      }
      if (field === 'driverLicenseIssuedAt' && raw !== null && !this.plausiblePastDate(raw)) {
        throw ProfileException.invalidField(
          ProfileErrorCode.DATE_INVALID,
          field,
          'Дата выдачи должна быть в прошлом, не ранее 1900 года',
        );
      }
      proofs[field] = raw === null ? null : raw.replace(/\s/g, '').toUpperCase() || null;
    }
    return proofs;
  }

  /**
   * Writes the given profile fields and proofs; returns the names of those that changed and the
   * link checks to queue. A link whose value or proof changed starts afresh: linkedAt now,
   * verifiedAt cleared, PENDING when its proof is complete, UNVERIFIED otherwise. When the
   * holder's names or birth date changed, the links proven with them (OMS policy, driver
   * licence) are checked again: verifiedAt cleared, so they match no personal event meanwhile,
   * and linkedAt kept (the identifier did not change).
   */
  private async updateProfileRow(
    em: EntityManager,
    userId: string,
    input: UpdateProfileInput,
    proofs: Partial<Record<ProofField, string | null>>,
    identityChanged: boolean,
  ): Promise<{ changed: string[]; linkChecks: { kind: LinkKind; id: string }[] }> {
    const given = PROFILE_FIELDS.filter((f) => input[f] !== undefined);
    if (given.length === 0 && Object.keys(proofs).length === 0 && !identityChanged) {
      return { changed: [], linkChecks: [] };
    }
    const now = new Date();
    const current = await this.accounts.findProfile(em, userId);
    if (!current && given.length === 0 && Object.keys(proofs).length === 0) {
      return { changed: [], linkChecks: [] };
    }
    const next: UserProfileEntity = Object.assign(new UserProfileEntity(), {
      address: null,
      driverLicense: null,
      payerCode: null,
      electricityAccount: null,
      omsPolicy: null,
      driverLicenseIssuedAt: null,
      payerCodeCheck: null,
      electricityAccountCheck: null,
      ...Object.fromEntries(
        PROFILE_FIELD_LINKS.flatMap((f) => [
          [`${f}Verification`, LinkVerification.UNVERIFIED],
          [`${f}LinkedAt`, null],
          [`${f}VerifiedAt`, null],
        ]),
      ),
      ...current,
      userId,
      updatedAt: now,
    });
    const changed: string[] = [];
    for (const field of given) {
      const raw = input[field];
      const value = raw === null || raw === undefined ? null : NORMALIZE[field](raw) || null;
      if (value !== next[field]) {
        changed.push(field);
        next[field] = value;
      }
    }
    for (const [field, value] of Object.entries(proofs) as [ProofField, string | null][]) {
      if (value !== next[field]) {
        changed.push(field);
        next[field] = value;
      }
    }
    const relinked = PROFILE_FIELD_LINKS.filter((f) => {
      const proof = PROOF_OF[f];
      const givenAgain =
        next[`${f}Verification`] === LinkVerification.EXPIRED &&
        (input[f] !== undefined || (proof !== undefined && proofs[proof] !== undefined));
      return givenAgain || changed.includes(f) || (proof !== undefined && changed.includes(proof));
    });
    const rechecked = identityChanged
      ? HOLDER_PROVEN_LINKS.filter((f) => next[f] !== null && !relinked.includes(f))
      : [];
    const linkChecks: { kind: LinkKind; id: string }[] = [];
    if (relinked.length > 0 || rechecked.length > 0) {
      const holder = await this.requests.holder(em, userId);
      for (const field of [...relinked, ...rechecked]) {
        const linked = next[field] !== null;
        const ready = linked && this.requests.field(field, next, holder) !== null;
        next[`${field}Verification`] = ready
          ? LinkVerification.PENDING
          : LinkVerification.UNVERIFIED;
        if (relinked.includes(field)) {
          next[`${field}LinkedAt`] = linked ? now : null;
        }
        next[`${field}VerifiedAt`] = null;
        if (ready) {
          linkChecks.push({ kind: FIELD_LINK_KIND[field], id: userId });
        }
      }
    }
    if (changed.length > 0 || relinked.length > 0 || rechecked.length > 0) {
      await this.accounts.upsert(em, next);
    }
    return { changed, linkChecks };
  }

  /** Verified documents in force go back to PENDING (still in force until the verdict). */
  private async startRechecks(
    em: EntityManager,
    userId: string,
  ): Promise<IdentityDocumentEntity[]> {
    const now = new Date();
    const verified = (await this.documents.findInForce(em, userId)).filter(
      (d) => d.status === VerificationStatus.VERIFIED,
    );
    const rechecked: IdentityDocumentEntity[] = [];
    for (const document of verified) {
      const next = startRecheck(document, now, this.config.checkExpiryMs);
      await this.documents.save(em, next);
      await this.applications.track(
        em,
        {
          userId,
          sourceId: next.id,
          kind: DOCUMENT_KINDS[next.kind].applicationKind,
          title: DOCUMENT_KINDS[next.kind].title,
          status: next.status,
        },
        now,
      );
      rechecked.push(next);
    }
    return rechecked;
  }
}
