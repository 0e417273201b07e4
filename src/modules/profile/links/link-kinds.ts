import { LinkVerification } from '../../identity';
import type { LinkKind } from '../registry/person-registry.port';

/** The profile's single-valued identifier links, kept on `user_profiles` with their proof state. */
export type ProfileFieldLink = 'driverLicense' | 'payerCode' | 'electricityAccount' | 'omsPolicy';

/** Which link kind each single-valued profile field is. */
export const FIELD_LINK_KIND: Record<ProfileFieldLink, LinkKind> = {
  driverLicense: 'DRIVER_LICENSE',
  payerCode: 'PAYER_CODE',
  electricityAccount: 'ELECTRICITY_ACCOUNT',
  omsPolicy: 'OMS_POLICY',
};

export const LINK_KIND_FIELD: Partial<Record<LinkKind, ProfileFieldLink>> = {
  DRIVER_LICENSE: 'driverLicense',
  PAYER_CODE: 'payerCode',
  ELECTRICITY_ACCOUNT: 'electricityAccount',
  OMS_POLICY: 'omsPolicy',
};

export const PROFILE_FIELD_LINKS = Object.keys(FIELD_LINK_KIND) as ProfileFieldLink[];

/** What the person is told about a link that is not (yet) proven, by kind and state. */
const WAITING: Record<LinkKind, { missing: string; rejected: string }> = {
  VEHICLE: {
    missing: 'Укажите номер СТС: автомобиль подтверждается по номеру и свидетельству о регистрации',
    rejected: 'ГИБДД не подтвердила автомобиль: проверьте госномер и номер СТС',
  },
  OMS_POLICY: {
    missing:
      'Подтвердите СНИЛС или паспорт: полис ОМС сверяется с подтверждёнными ФИО и датой рождения',
    rejected: 'Реестр полисов ОМС не подтвердил полис с вашими ФИО и датой рождения',
  },
  CHILD: {
    missing:
      'Укажите СНИЛС ребёнка и подтвердите свой СНИЛС: связь проверяется по записи о рождении',
    rejected: 'Запись о рождении не подтвердила, что это ваш ребёнок',
  },
  PAYER_CODE: {
    missing: 'Укажите проверочный код, напечатанный в квитанции рядом с кодом плательщика',
    rejected: 'Код плательщика не подтверждён: проверьте код и проверочный код из квитанции',
  },
  ELECTRICITY_ACCOUNT: {
    missing: 'Укажите проверочный код, напечатанный в квитанции за электроэнергию',
    rejected: 'Лицевой счёт не подтверждён: проверьте номер и проверочный код из квитанции',
  },
  DRIVER_LICENSE: {
    missing: 'Укажите дату выдачи удостоверения, а в профиле — фамилию и имя',
    rejected: 'ГИБДД не подтвердила удостоверение с этой датой выдачи и вашими ФИО',
  },
};

/** Why a link does not reach personal events; null when it is VERIFIED. */
export function waitingReason(kind: LinkKind, verification: LinkVerification): string | null {
  switch (verification) {
    case LinkVerification.VERIFIED:
      return null;
    case LinkVerification.PENDING:
      return 'Идёт проверка в реестре';
    case LinkVerification.REJECTED:
      return WAITING[kind].rejected;
    case LinkVerification.EXPIRED:
      return 'Реестр не ответил вовремя: укажите данные ещё раз, чтобы отправить новую проверку';
    case LinkVerification.UNVERIFIED:
      return WAITING[kind].missing;
  }
}
