// The tables this module owns: only its files name them in SQL (README "Adding a module").
export const WIDGETS_TABLES = ['widgets'] as const;
