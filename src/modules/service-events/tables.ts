// The tables this module owns: only its files name them in SQL (README "Adding a module").
export const SERVICE_EVENTS_TABLES = ['service_events', 'service_event_sources'] as const;
