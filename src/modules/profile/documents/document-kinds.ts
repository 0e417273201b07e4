import { DocumentKind } from '../profile.enums';

/** How each document kind shows in applications and in the access log. */
export const DOCUMENT_KINDS: Record<
  DocumentKind,
  { applicationKind: string; title: string; registryLabel: string; field: string }
> = {
  SNILS: {
    applicationKind: 'SNILS_CHECK',
    title: 'Проверка СНИЛС',
    registryLabel: 'Реестр СНИЛС',
    field: 'snils',
  },
  PASSPORT: {
    applicationKind: 'PASSPORT_CHECK',
    title: 'Проверка паспорта',
    registryLabel: 'Реестр паспортов',
    field: 'passport',
  },
};

/** The `User` fields a registry check reads besides the document. */
export const PERSON_FIELDS = ['lastName', 'firstName', 'middleName', 'birthDate'];
