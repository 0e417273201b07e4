// The tables this module owns: only its files name them in SQL (README "Adding a module").
export const AUTH_TABLES = [
  'pending_registrations',
  'one_time_codes',
  'sessions',
  'refresh_tokens',
  'account_deletions',
] as const;
