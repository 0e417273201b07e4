// The tables this module owns: only its files name them in SQL (README "Adding a module").
export const PROFILE_TABLES = [
  'user_profiles',
  'vehicles',
  'applications',
  'person_registry',
  'link_registry',
  'link_check_deadlines',
] as const;
