// The tables this module owns: only its files name them in SQL (README "Adding a module").
export const ORGANIZATIONS_TABLES = [
  'organizations',
  'memberships',
  'access_grants',
  'signature_challenges',
  'signature_identities',
] as const;
