// The tables this module owns: only its files name them in SQL (README "Adding a module").
export const DOCUMENT_REMINDERS_TABLES = ['document_expiry_reminders'] as const;
