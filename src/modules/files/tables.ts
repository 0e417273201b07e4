// The tables this module owns: only its files name them in SQL (README "Adding a module").
export const FILES_TABLES = [] as const;
