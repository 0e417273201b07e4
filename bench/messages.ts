// `npm run bench:messages [-- --messages N --ingest-events N --queries N --concurrency N --keep]`:
// seeds a month of inter-agency messages (one million by default) into its own database, then
// measures event ingest through the real MessageIngestService (events/s) and search latency
// through the real MessageQueryService (p50/p99) for typical filters. Prints a markdown section.
import { cpus, totalmem } from 'node:os';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { parseDatabaseUrl } from '../src/database/database-url';
import { ensureDatabase } from '../src/database/ensure-database';
import {
  MESSAGE_BATCH_MAX,
  MessageIngestService,
  MessageQueryService,
} from '../src/modules/inter-agency';
import type { MessageEventInput } from '../src/modules/inter-agency/graphql/message-event.input';
import { Environment, MessageStatus } from '../src/modules/inter-agency/inter-agency.enums';
import type { AuthPrincipal } from '../src/shared/auth';
import { dropDatabase } from './messages-db';
import { StderrLogger } from './stderr-logger';
import {
  BenchMessage,
  BenchWorld,
  generateMessage,
  seedMessages,
  seedWorld,
} from './messages-seed';

interface Options {
  messages: number;
  ingestEvents: number;
  queries: number;
  concurrency: number;
  keep: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    messages: 1_000_000,
    ingestEvents: 60_000,
    queries: 200,
    concurrency: 4,
    keep: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const value = Number(argv[i + 1]);
    switch (argv[i]) {
      case '--messages':
        options.messages = value;
        i++;
        break;
      case '--ingest-events':
        options.ingestEvents = value;
        i++;
        break;
      case '--queries':
        options.queries = value;
        i++;
        break;
      case '--concurrency':
        options.concurrency = value;
        i++;
        break;
      case '--keep':
        options.keep = true;
        break;
      default:
        throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  for (const [name, value] of Object.entries(options)) {
    if (typeof value === 'number' && (!Number.isInteger(value) || value < 1)) {
      throw new Error(`--${name} must be a positive integer`);
    }
  }
  return options;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const result = await work();
  return [Number(process.hrtime.bigint() - start) / 1e6, result];
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  // Its own database next to the configured one: created fresh, migrated by the app at boot.
  // Environment variables are read when the app module is built, below.
  const base = process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/kabinet';
  const url = new URL(base);
  url.pathname = `/${parseDatabaseUrl(base).database}_bench_messages`;
  process.env.DATABASE_URL = url.toString();
  process.env.APP_ROLE = 'worker';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
  process.env.METRICS_ENABLED = 'false';

  await dropDatabase(process.env.DATABASE_URL);
  await ensureDatabase(process.env.DATABASE_URL);

  const app = await NestFactory.createApplicationContext(AppModule.forRole('worker'), {
    logger: new StderrLogger(['error', 'warn']),
  });
  const dataSource = app.get(DataSource);
  const ingest = app.get(MessageIngestService);
  const query = app.get(MessageQueryService);
  const lines: string[] = [];
  try {
    const world: BenchWorld = await seedWorld(dataSource);
    const [seedMs, seeded] = await timed(() =>
      seedMessages(dataSource, world, options.messages, (done: number) => {
        process.stderr.write(`\rseeded ${done} / ${options.messages}`);
      }),
    );
    process.stderr.write('\n');

    // Ingest: fresh messages, three events each, shuffled across batches of 1 000, sent by
    // `concurrency` callers at once, like several feeds of the exchange.
    const events: MessageEventInput[] = [];
    const statuses = [MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.ANSWERED];
    const now = Date.now() - 3600_000;
    for (let i = 0; events.length < options.ingestEvents; i++) {
      const m: BenchMessage = generateMessage(world, new Date(now + i));
      const kind = world.kinds[m.kind];
      for (let s = 0; s < statuses.length && events.length < options.ingestEvents; s++) {
        events.push({
          messageId: m.messageId,
          dataKindNamespaceUri: kind.namespaceUri,
          consumerMnemonic: world.mnemonics.get(
            (m.environment === 'TEST'
              ? world.systems[m.consumer].test
              : world.systems[m.consumer].prod)[0],
          )!,
          providerMnemonic: world.mnemonics.get(
            (m.environment === 'TEST'
              ? world.systems[kind.owner].test
              : world.systems[kind.owner].prod)[0],
          )!,
          environment: m.environment as Environment,
          status: statuses[s],
          at: new Date(now + i + s * 150),
          detail: null,
        });
      }
    }
    shuffle(events);
    const batches: MessageEventInput[][] = [];
    for (let i = 0; i < events.length; i += MESSAGE_BATCH_MAX) {
      batches.push(events.slice(i, i + MESSAGE_BATCH_MAX));
    }
    const runIngest = async () => {
      const latencies: number[] = [];
      let stored = 0;
      let next = 0;
      const [wall] = await timed(() =>
        Promise.all(
          Array.from({ length: options.concurrency }, async () => {
            while (next < batches.length) {
              const batch = batches[next++];
              const [took, count] = await timed(() => ingest.ingest(batch));
              latencies.push(took);
              stored += count;
            }
          }),
        ),
      );
      latencies.sort((a, b) => a - b);
      return { wall, stored, latencies };
    };
    const fresh = await runIngest();
    const replay = await runIngest();
    if (fresh.stored !== events.length || replay.stored !== 0) {
      throw new Error(`ingest stored ${fresh.stored} then ${replay.stored} of ${events.length}`);
    }

    // Search: the biggest organization (most traffic, consumer and provider), a small one, and
    // the typical filters of "where is my request".
    const principal = (o: number): AuthPrincipal => ({
      kind: 'user',
      subject: world.heads[o],
      userId: world.heads[o],
      sessionId: null,
      organizationId: world.organizations[o],
      actingChildId: null,
      developerRepresentative: false,
      scopes: [],
    });
    const big = principal(0);
    const small = principal(world.organizations.length - 1);
    const day = 24 * 3600_000;
    const randomDay = () => {
      const from = new Date(world.monthStart.getTime() + Math.floor(Math.random() * 29) * day);
      return { from, to: new Date(from.getTime() + day) };
    };
    const kindsOfBig = world.kinds.filter((k) => k.owner === 0).map((k) => k.id);
    const sample = seeded.sample;
    const scenarios: { name: string; runs: number; run: () => Promise<number> }[] = [
      {
        name: 'big organization, no filter, first 20',
        runs: options.queries,
        run: async () => (await query.search(big, { first: 20 })).edges.length,
      },
      {
        name: 'big organization, pages 1–5 walked by cursor (5 queries)',
        runs: Math.max(1, Math.floor(options.queries / 4)),
        run: async () => {
          let after: string | undefined;
          let page = await query.search(big, { first: 20 });
          for (let p = 1; p < 5 && page.pageInfo.endCursor; p++) {
            after = page.pageInfo.endCursor;
            page = await query.search(big, { first: 20, after });
          }
          return page.edges.length;
        },
      },
      {
        name: 'big organization, status ERROR',
        runs: options.queries,
        run: async () =>
          (await query.search(big, { first: 20, filter: { status: MessageStatus.ERROR } })).edges
            .length,
      },
      {
        name: 'big organization, one kind of data',
        runs: options.queries,
        run: async () =>
          (
            await query.search(big, {
              first: 20,
              filter: { dataKindId: kindsOfBig[Math.floor(Math.random() * kindsOfBig.length)] },
            })
          ).edges.length,
      },
      {
        name: 'big organization, one day, PROD',
        runs: options.queries,
        run: async () =>
          (
            await query.search(big, {
              first: 20,
              filter: { ...randomDay(), environment: Environment.PROD },
            })
          ).edges.length,
      },
      {
        name: 'big organization, one day, status ERROR',
        runs: options.queries,
        run: async () =>
          (
            await query.search(big, {
              first: 20,
              filter: { ...randomDay(), status: MessageStatus.ERROR },
            })
          ).edges.length,
      },
      {
        name: 'small organization, no filter',
        runs: options.queries,
        run: async () => (await query.search(small, { first: 20 })).edges.length,
      },
      {
        name: 'interAgencyMessage(messageId) + timeline',
        runs: options.queries,
        run: async () => {
          const m = sample[Math.floor(Math.random() * sample.length)];
          const who = principal(m.consumer);
          const found = await query.findOne(who, m.messageId);
          if (!found) {
            throw new Error(`seeded message ${m.messageId} not found`);
          }
          return (
            await query.timeline([
              { environment: m.environment as Environment, messageId: m.messageId },
            ])
          ).length;
        },
      },
      {
        name: 'big organization, totalCount of a one-day window',
        runs: Math.max(1, Math.floor(options.queries / 4)),
        run: async () => {
          const { from, to } = randomDay();
          return query.count({
            organizationId: world.organizations[0],
            environments: [Environment.TEST, Environment.PROD],
            from,
            to,
          });
        },
      },
      {
        name: 'big organization, totalCount of the month',
        runs: Math.max(1, Math.floor(options.queries / 20)),
        run: () =>
          query.count({
            organizationId: world.organizations[0],
            environments: [Environment.TEST, Environment.PROD],
          }),
      },
    ];
    const searchRows: string[] = [];
    for (const scenario of scenarios) {
      await scenario.run(); // warm-up
      const latencies: number[] = [];
      let rows = 0;
      for (let r = 0; r < scenario.runs; r++) {
        const [took, n] = await timed(scenario.run);
        latencies.push(took);
        rows = n;
      }
      latencies.sort((a, b) => a - b);
      searchRows.push(
        `| ${scenario.name} | ${scenario.runs} | ${ms(percentile(latencies, 50))} ms | ${ms(percentile(latencies, 99))} ms | ${rows} |`,
      );
    }
    const [[{ bigShare }]] = await Promise.all([
      dataSource.query<{ bigShare: string }[]>(
        `SELECT COUNT(*) AS bigShare FROM inter_agency_messages
         WHERE consumer_organization_id = ? OR provider_organization_id = ?`,
        [world.organizations[0], world.organizations[0]],
      ),
    ]);

    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    const eps = (r: { wall: number }) => Math.round((events.length / r.wall) * 1000);
    lines.push(
      '## Inter-agency message monitor',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} on ${machine} with \`npm run bench:messages -- --messages ${options.messages}\`.`,
      '',
      `Seeded ${options.messages} messages and ${seeded.events} events over 30 days in ${(seedMs / 1000).toFixed(1)} s ` +
        `(${Math.round(((options.messages + seeded.events) / seedMs) * 1000)} rows/s); ${world.organizations.length} organizations, ` +
        `${world.kinds.length} kinds of data; the biggest organization is a party of ${bigShare} messages.`,
      '',
      '| ingest through MessageIngestService | events | batches × 1 000 | callers | events/s | batch p50 | batch p99 |',
      '|---|---:|---:|---:|---:|---:|---:|',
      `| new events (3 per message, shuffled) | ${events.length} | ${batches.length} | ${options.concurrency} | ${eps(fresh)} | ${ms(percentile(fresh.latencies, 50))} ms | ${ms(percentile(fresh.latencies, 99))} ms |`,
      `| the same events again (all repeats) | ${events.length} | ${batches.length} | ${options.concurrency} | ${eps(replay)} | ${ms(percentile(replay.latencies, 50))} ms | ${ms(percentile(replay.latencies, 99))} ms |`,
      '',
      '| search through MessageQueryService | runs | p50 | p99 | rows |',
      '|---|---:|---:|---:|---:|',
      ...searchRows,
    );
  } finally {
    await app.close();
    if (!options.keep) {
      await dropDatabase(process.env.DATABASE_URL);
    }
  }
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
