/**
 * The tables this module owns: only its files name them in SQL or map them as entities. Other
 * modules reach these rows through the exports of `index.ts` (checked by the table-ownership test).
 */
export const IDENTITY_TABLES = [
  'users',
  'federated_identities',
  'identity_documents',
  'children',
] as const;
