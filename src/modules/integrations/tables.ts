// The tables this module owns: only its files name them in SQL (README "Adding a module").
export const INTEGRATIONS_TABLES = ['api_clients', 'webhooks', 'webhook_deliveries'] as const;
