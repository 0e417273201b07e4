// The tables this module owns: only its files name them in SQL (README "Adding a module").
export const INTER_AGENCY_TABLES = [
  'information_systems',
  'data_kinds',
  'inter_agency_access_requests',
  'special_queues',
  'developer_representatives',
  'inter_agency_audit_log',
  'inter_agency_messages',
  'inter_agency_message_events',
  'inter_agency_held_events',
  'inter_agency_namespaces',
  'inter_agency_notices',
  'inter_agency_digests',
] as const;
