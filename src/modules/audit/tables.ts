// The tables this module owns: only its files name them in SQL (README "Adding a module").
export const AUDIT_TABLES = ['data_access_log'] as const;
