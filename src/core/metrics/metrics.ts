import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The registry /metrics exposes (process metrics plus Kabinet's own). */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'kabinet_' });

export const httpDuration = new Histogram({
  name: 'kabinet_http_request_duration_seconds',
  help: 'HTTP request latency by method, route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

// Labelled by the root fields the operation selects (bounded by the schema), never by the
// client-chosen operation name, so a client cannot blow up the label cardinality.
export const graphqlDuration = new Histogram({
  name: 'kabinet_graphql_operation_duration_seconds',
  help: 'GraphQL operation latency by operation type, root field and outcome',
  labelNames: ['type', 'field', 'outcome'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const graphqlErrors = new Counter({
  name: 'kabinet_graphql_errors_total',
  help: 'GraphQL errors by code',
  labelNames: ['code'],
  registers: [metricsRegistry],
});

export const jobDuration = new Histogram({
  name: 'kabinet_job_duration_seconds',
  help: 'Queue job processing time by queue and outcome (in the process that ran the job)',
  labelNames: ['queue', 'outcome'],
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
  registers: [metricsRegistry],
});

export const queueJobs = new Gauge({
  name: 'kabinet_queue_jobs',
  help: 'Jobs per queue and state (waiting, active, delayed, failed, completed)',
  labelNames: ['queue', 'state'],
  registers: [metricsRegistry],
});

export const dbPoolConnections = new Gauge({
  name: 'kabinet_db_pool_connections',
  help: 'MySQL pool connections by state (all, free, queued requests)',
  labelNames: ['state'],
  registers: [metricsRegistry],
});
