import { AppException, AppExceptionExtras, ErrorCode } from '../../shared/errors';

/** Why an organizations operation was refused (`extensions.subCode`). */
export enum OrganizationErrorCode {
  // Qualified e-signature sign-in; also sent as `extensions.reason` (API.md).
  CERTIFICATE_UNTRUSTED = 'CERTIFICATE_UNTRUSTED',
  CERTIFICATE_EXPIRED = 'CERTIFICATE_EXPIRED',
  /** Trusted and valid, but not an organization's qualified certificate (no SNILS, OGRN…). */
  CERTIFICATE_INVALID = 'CERTIFICATE_INVALID',
  SIGNATURE_INVALID = 'SIGNATURE_INVALID',
  /** The issuer's CRL lists the certificate. */
  CERTIFICATE_REVOKED = 'CERTIFICATE_REVOKED',
  /** No fresh CRL signed by the issuer was reachable: refused (fail closed). */
  CRL_UNAVAILABLE = 'CRL_UNAVAILABLE',
  CHALLENGE_USED = 'CHALLENGE_USED',
  /** Expired or unknown challenge: ask for a new one. */
  CHALLENGE_EXPIRED = 'CHALLENGE_EXPIRED',
  /** No account has the certificate's SNILS verified. */
  ACCOUNT_NOT_FOUND = 'ACCOUNT_NOT_FOUND',
  /** The certificate's OGRN and INN name two different organizations known here. */
  ORGANIZATION_MISMATCH = 'ORGANIZATION_MISMATCH',
  /** Unknown id, or an organization the caller is not a member of (never told apart). */
  ORGANIZATION_NOT_FOUND = 'ORGANIZATION_NOT_FOUND',
  /** Unknown id, or a membership of another organization. */
  MEMBERSHIP_NOT_FOUND = 'MEMBERSHIP_NOT_FOUND',
  /** Unknown id, or a grant of another organization. */
  GRANT_NOT_FOUND = 'GRANT_NOT_FOUND',
  /** No account with that phone or verified SNILS. */
  PERSON_NOT_FOUND = 'PERSON_NOT_FOUND',
  ALREADY_MEMBER = 'ALREADY_MEMBER',
  PERSONNEL_NUMBER_TAKEN = 'PERSONNEL_NUMBER_TAKEN',
  /** The organization would be left without a HEAD. */
  LAST_HEAD = 'LAST_HEAD',
  /** The account is the only HEAD of an organization: hand it over before deleting it. */
  SOLE_HEAD = 'SOLE_HEAD',
  /** Only a HEAD appoints or removes a HEAD. */
  HEAD_ONLY = 'HEAD_ONLY',
  /** The person has an invitation of the organization still waiting for an answer. */
  ALREADY_INVITED = 'ALREADY_INVITED',
  /** Unknown id, or an invitation addressed to somebody else (never told apart). */
  INVITATION_NOT_FOUND = 'INVITATION_NOT_FOUND',
  /** The invitation lapsed unanswered: the organization invites again. */
  INVITATION_EXPIRED = 'INVITATION_EXPIRED',
  /** The invitation was accepted or declined already. */
  INVITATION_ANSWERED = 'INVITATION_ANSWERED',
  /** The organization sent its invitations of the day. */
  INVITATION_LIMIT_REACHED = 'INVITATION_LIMIT_REACHED',
  /** The member has not accepted the invitation: no grants until then. */
  MEMBERSHIP_NOT_ACTIVE = 'MEMBERSHIP_NOT_ACTIVE',
  /**
   * E-signature sign-in into a known organization by a signer who is not (or no longer) its
   * member, while it still has a HEAD: a removed membership is never re-created by a signature.
   */
  NOT_A_MEMBER = 'NOT_A_MEMBER',
  /** `leaveOrganizationContext` from a session that acts for the person already. */
  NOT_IN_ORGANIZATION_CONTEXT = 'NOT_IN_ORGANIZATION_CONTEXT',
}

export const ORGANIZATION_ERRORS: Record<OrganizationErrorCode, ErrorCode> = {
  CERTIFICATE_UNTRUSTED: ErrorCode.UNAUTHENTICATED,
  CERTIFICATE_EXPIRED: ErrorCode.UNAUTHENTICATED,
  CERTIFICATE_INVALID: ErrorCode.UNAUTHENTICATED,
  SIGNATURE_INVALID: ErrorCode.UNAUTHENTICATED,
  CERTIFICATE_REVOKED: ErrorCode.UNAUTHENTICATED,
  CRL_UNAVAILABLE: ErrorCode.UNAUTHENTICATED,
  CHALLENGE_USED: ErrorCode.UNAUTHENTICATED,
  CHALLENGE_EXPIRED: ErrorCode.UNAUTHENTICATED,
  ACCOUNT_NOT_FOUND: ErrorCode.UNAUTHENTICATED,
  ORGANIZATION_MISMATCH: ErrorCode.CONFLICT,
  ORGANIZATION_NOT_FOUND: ErrorCode.NOT_FOUND,
  MEMBERSHIP_NOT_FOUND: ErrorCode.NOT_FOUND,
  GRANT_NOT_FOUND: ErrorCode.NOT_FOUND,
  PERSON_NOT_FOUND: ErrorCode.NOT_FOUND,
  ALREADY_MEMBER: ErrorCode.CONFLICT,
  PERSONNEL_NUMBER_TAKEN: ErrorCode.CONFLICT,
  LAST_HEAD: ErrorCode.CONFLICT,
  SOLE_HEAD: ErrorCode.CONFLICT,
  HEAD_ONLY: ErrorCode.FORBIDDEN,
  ALREADY_INVITED: ErrorCode.CONFLICT,
  INVITATION_NOT_FOUND: ErrorCode.NOT_FOUND,
  INVITATION_EXPIRED: ErrorCode.CONFLICT,
  INVITATION_ANSWERED: ErrorCode.CONFLICT,
  INVITATION_LIMIT_REACHED: ErrorCode.RATE_LIMITED,
  MEMBERSHIP_NOT_ACTIVE: ErrorCode.CONFLICT,
  NOT_A_MEMBER: ErrorCode.FORBIDDEN,
  NOT_IN_ORGANIZATION_CONTEXT: ErrorCode.CONFLICT,
};

/** Sign-in refusals with the Russian text shown to the signer. */
export type SignInRefusal =
  | OrganizationErrorCode.CERTIFICATE_UNTRUSTED
  | OrganizationErrorCode.CERTIFICATE_EXPIRED
  | OrganizationErrorCode.CERTIFICATE_INVALID
  | OrganizationErrorCode.SIGNATURE_INVALID
  | OrganizationErrorCode.CERTIFICATE_REVOKED
  | OrganizationErrorCode.CRL_UNAVAILABLE
  | OrganizationErrorCode.CHALLENGE_USED
  | OrganizationErrorCode.CHALLENGE_EXPIRED
  | OrganizationErrorCode.ACCOUNT_NOT_FOUND;

const SIGN_IN_MESSAGES: Record<SignInRefusal, string> = {
  CERTIFICATE_UNTRUSTED: 'Сертификат выдан не аккредитованным удостоверяющим центром или повреждён',
  CERTIFICATE_EXPIRED: 'Срок действия сертификата истёк или ещё не начался',
  CERTIFICATE_INVALID:
    'Сертификат не является квалифицированным сертификатом организации или ИП (нет СНИЛС, ОГРН/ОГРНИП или ИНН)',
  SIGNATURE_INVALID: 'Подпись не прошла проверку: подпишите запрос ключом этого сертификата',
  CERTIFICATE_REVOKED: 'Сертификат отозван удостоверяющим центром: получите новый сертификат',
  CRL_UNAVAILABLE:
    'Не удалось проверить, не отозван ли сертификат: список отозванных сертификатов удостоверяющего центра недоступен. Повторите попытку позже',
  CHALLENGE_USED: 'Запрос на подпись уже использован: получите новый',
  CHALLENGE_EXPIRED: 'Срок запроса на подпись истёк: получите новый',
  ACCOUNT_NOT_FOUND:
    'Сначала зарегистрируйтесь как физическое лицо и подтвердите СНИЛС из сертификата',
};

/** A refusal of the organizations module; `code` follows from the sub-code. */
export class OrganizationException extends AppException<OrganizationErrorCode> {
  constructor(subCode: OrganizationErrorCode, message: string, extras: AppExceptionExtras = {}) {
    super(ORGANIZATION_ERRORS[subCode], message, subCode, extras);
  }

  /** UNAUTHENTICATED with `extensions.reason` (API.md, loginWithSignature). */
  static signInRefused(reason: SignInRefusal): OrganizationException {
    return new OrganizationException(reason, SIGN_IN_MESSAGES[reason], { reason });
  }

  static organizationNotFound(): OrganizationException {
    return new OrganizationException(
      OrganizationErrorCode.ORGANIZATION_NOT_FOUND,
      'Организация не найдена',
    );
  }

  static membershipNotFound(): OrganizationException {
    return new OrganizationException(
      OrganizationErrorCode.MEMBERSHIP_NOT_FOUND,
      'Сотрудник не найден',
    );
  }

  static grantNotFound(): OrganizationException {
    return new OrganizationException(OrganizationErrorCode.GRANT_NOT_FOUND, 'Доступ не найден');
  }

  static personNotFound(): OrganizationException {
    return new OrganizationException(
      OrganizationErrorCode.PERSON_NOT_FOUND,
      'Пользователь с таким телефоном или подтверждённым СНИЛС не зарегистрирован',
    );
  }

  static alreadyMember(): OrganizationException {
    return new OrganizationException(
      OrganizationErrorCode.ALREADY_MEMBER,
      'Этот человек уже состоит в организации',
    );
  }

  static personnelNumberTaken(): OrganizationException {
    const message = 'Табельный номер уже занят другим сотрудником организации';
    return new OrganizationException(OrganizationErrorCode.PERSONNEL_NUMBER_TAKEN, message, {
      fields: [{ field: 'personnelNumber', message }],
    });
  }

  static notAMember(): OrganizationException {
    return new OrganizationException(
      OrganizationErrorCode.NOT_A_MEMBER,
      'Вы не состоите в этой организации. Попросите её руководителя добавить вас в сотрудники',
    );
  }

  static lastHead(): OrganizationException {
    return new OrganizationException(
      OrganizationErrorCode.LAST_HEAD,
      'Нельзя удалить единственного руководителя: сначала назначьте другого, и пусть он примет приглашение',
    );
  }

  static soleHead(): OrganizationException {
    return new OrganizationException(
      OrganizationErrorCode.SOLE_HEAD,
      'Вы единственный руководитель организации: сначала назначьте другого руководителя',
    );
  }

  static headOnly(): OrganizationException {
    return new OrganizationException(
      OrganizationErrorCode.HEAD_ONLY,
      'Назначать и удалять руководителей может только руководитель',
    );
  }

  static alreadyInvited(): OrganizationException {
    return new OrganizationException(
      OrganizationErrorCode.ALREADY_INVITED,
      'Этот человек уже приглашён в организацию и ещё не ответил',
    );
  }

  static invitationNotFound(): OrganizationException {
    return new OrganizationException(
      OrganizationErrorCode.INVITATION_NOT_FOUND,
      'Приглашение не найдено',
    );
  }

  static invitationExpired(): OrganizationException {
    return new OrganizationException(
      OrganizationErrorCode.INVITATION_EXPIRED,
      'Срок приглашения истёк: попросите организацию пригласить вас снова',
    );
  }

  static invitationAnswered(): OrganizationException {
    return new OrganizationException(
      OrganizationErrorCode.INVITATION_ANSWERED,
      'Вы уже ответили на это приглашение',
    );
  }

  static invitationLimitReached(retryAfterSeconds: number): OrganizationException {
    const hours = Math.max(1, Math.ceil(retryAfterSeconds / 3600));
    return new OrganizationException(
      OrganizationErrorCode.INVITATION_LIMIT_REACHED,
      `Организация исчерпала дневной лимит приглашений. Повторите примерно через ${hours} ч.`,
      { retryAfterSeconds },
    );
  }

  static membershipNotActive(): OrganizationException {
    return new OrganizationException(
      OrganizationErrorCode.MEMBERSHIP_NOT_ACTIVE,
      'Сотрудник ещё не принял приглашение: доступ можно выдать после этого',
    );
  }

  static organizationMismatch(): OrganizationException {
    return new OrganizationException(
      OrganizationErrorCode.ORGANIZATION_MISMATCH,
      'ОГРН и ИНН сертификата не совпадают с данными организации: обратитесь в поддержку',
    );
  }

  static notInOrganizationContext(): OrganizationException {
    return new OrganizationException(
      OrganizationErrorCode.NOT_IN_ORGANIZATION_CONTEXT,
      'Вы уже работаете от своего имени, а не от имени организации',
    );
  }
}
