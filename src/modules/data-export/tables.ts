// The tables this module owns: only its files name them in SQL (README "Adding a module").
export const DATA_EXPORT_TABLES = ['data_exports'] as const;
