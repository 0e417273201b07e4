// `npm run bench:notifications [-- --users 10000 --chunk 1000 --timeout 110]`: the fan-out of one
// service event to every subscriber at a shared address (a hot-water shut-off). Kabinet runs in
// this process (APP_ROLE=all: HTTP and the queue worker) on a database and Redis namespace of its
// own, removed afterwards. The event is pushed over HTTP by a platform client with a token from
// POST /oauth/token; the clock runs from the call until every notification row exists. Prints a
// markdown section; nothing is written to docs/benchmarks.md.
import {
  BENCH_ARGS,
  BENCH_DATABASE,
  BENCH_DATABASE_URL,
  BENCH_FLAGS,
  NotificationBenchFlags,
} from './notifications-env';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { cpus, loadavg, totalmem } from 'node:os';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/core/bootstrap';
import { ensureDatabase } from '../src/database/ensure-database';
import { ApiClientRegistry } from '../src/modules/integrations';
import { EventSources } from '../src/modules/service-events';
import { seedSubscribers } from './notifications-seed';
import { deleteDatabaseKeys } from './redis-keys';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function dropDatabase(url: string, name: string): Promise<void> {
  if (!name.startsWith('kabinet_bench_')) {
    return;
  }
  const u = new URL(url);
  const connection = await createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}

interface Result {
  users: number;
  chunk: number;
  seedMs: number;
  ingestMs: number;
  allMs: number;
  created: number;
}

async function run(flags: NotificationBenchFlags): Promise<Result> {
  await ensureDatabase(BENCH_DATABASE_URL);
  const app = await NestFactory.create(AppModule.forRole('all'), {
    bufferLogs: true,
    bodyParser: false,
  });
  try {
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    const server = app.getHttpServer() as { address(): { port: number } };
    const { port } = server.address();
    const base = `http://127.0.0.1:${port}`;
    const dataSource = app.get(DataSource);

    const address = 'Москва, ул. Скакательная, д. 1';
    const seedStart = performance.now();
    await seedSubscribers(dataSource, {
      count: flags.users,
      address,
      category: 'HOT_WATER_SHUTOFF',
      phonePrefix: '',
    });
    const seedMs = performance.now() - seedStart;

    const { client, secret } = await app.get(ApiClientRegistry).create({
      name: 'Бенчмарк',
      scopes: ['events:write'],
      organizationId: null,
      createdByUserId: null,
    });
    await app.get(EventSources).set(client.id, ['bench']);
    const tokenAnswer = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: secret,
      }).toString(),
    });
    const { access_token: token } = (await tokenAnswer.json()) as { access_token: string };

    const event = {
      source: 'bench',
      externalId: `shutoff-${Date.now()}`,
      category: 'HOT_WATER_SHUTOFF',
      subject: { kind: 'ADDRESS', value: address },
      title: 'Плановое отключение горячей воды',
      body: 'С 1 по 14 июня',
      occurredAt: new Date().toISOString(),
    };
    const start = performance.now();
    const answer = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query:
          'mutation($e: [ServiceEventInput!]!) { ingestServiceEvents(events: $e) { accepted } }',
        variables: { e: [event] },
      }),
    });
    const ingestMs = performance.now() - start;
    const body = (await answer.json()) as { data?: { ingestServiceEvents: { accepted: number } } };
    if (body.data?.ingestServiceEvents.accepted !== 1) {
      throw new Error(`ingest failed: ${JSON.stringify(body)}`);
    }
    const deadline = Date.now() + flags.timeoutSeconds * 1000;
    let created = 0;
    for (;;) {
      const [row] = await dataSource.query<{ n: string }[]>(
        `SELECT COUNT(*) AS n FROM notifications n JOIN service_events e ON e.id = n.event_id
          WHERE e.source = ? AND e.external_id = ?`,
        [event.source, event.externalId],
      );
      created = Number(row.n);
      if (created >= flags.users || Date.now() > deadline) {
        break;
      }
      await sleep(20);
    }
    const allMs = performance.now() - start;
    if (created < flags.users) {
      throw new Error(
        `only ${created} of ${flags.users} notifications after ${flags.timeoutSeconds} s`,
      );
    }
    return { users: flags.users, chunk: flags.chunk, seedMs, ingestMs, allMs, created };
  } finally {
    await app.close();
  }
}

/** The machine, the command and the load when it started, so figures can be compared. */
function measuredOn(command: string): string {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  return `Measured ${new Date().toISOString().slice(0, 10)} on ${machine} with \`${command}\`; load average (1 min) ${loadavg()[0].toFixed(2)}.`;
}

function table(result: Result, command: string): string {
  const perSecond = Math.round(result.created / (result.allMs / 1000));
  return [
    '### Notification fan-out',
    '',
    measuredOn(command),
    '',
    '| subscribers at one address | chunk | ingest call | until every notification exists | notifications/s | seeding |',
    '|---:|---:|---:|---:|---:|---:|',
    `| ${result.users} | ${result.chunk} | ${result.ingestMs.toFixed(0)} ms | ${(result.allMs / 1000).toFixed(2)} s | ${perSecond} | ${(result.seedMs / 1000).toFixed(1)} s |`,
    '',
    'One event (ADDRESS subject, HOT_WATER_SHUTOFF) matched through the indexed',
    '`user_profiles.address`; one INSERT … SELECT per chunk of matched accounts, then live',
    'delivery through Redis pub/sub. Kabinet in one process (APP_ROLE=all).',
  ].join('\n');
}

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  try {
    const result = await run(BENCH_FLAGS);
    const command = [
      'npm run bench:notifications',
      ...(BENCH_ARGS.length ? ['--', ...BENCH_ARGS] : []),
    ];
    console.log(table(result, command.join(' ')));
  } finally {
    await dropDatabase(BENCH_DATABASE_URL, BENCH_DATABASE);
    await deleteDatabaseKeys(redisUrl, BENCH_DATABASE);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
