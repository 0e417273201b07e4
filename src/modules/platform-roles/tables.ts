// The tables this module owns: only its files name them in SQL (README "Adding a module").
export const PLATFORM_ROLES_TABLES = ['platform_role_assignments'] as const;
