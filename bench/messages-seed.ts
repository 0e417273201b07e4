// Bulk seeding for `npm run bench:messages`: organizations, systems and kinds of data through
// plain SQL, then the messages and their events as multi-row INSERTs on one dedicated
// connection per table (unique checks relaxed; the rows are generated unique), in the time order they
// would arrive in, over one month.
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MESSAGE_STATUS_RANK, MessageStatus } from '../src/modules/inter-agency/inter-agency.enums';

export interface BenchWorld {
  organizations: string[];
  /** Per organization: a user who is its HEAD. */
  heads: string[];
  /** [organization index] → its TEST and PROD systems. */
  systems: { test: string[]; prod: string[] }[];
  /** Kinds of data with their owner organization index. */
  kinds: { id: string; namespaceUri: string; owner: number }[];
  /** Mnemonics by system id (events name systems by mnemonic). */
  mnemonics: Map<string, string>;
  monthStart: Date;
  monthMs: number;
}

export const ORGANIZATIONS = 40;
const SYSTEMS_PER_ENV = 2;
const KINDS = 100;
// The first ten organizations are the big providers that own every kind of data.
const PROVIDERS = 10;
const MESSAGE_ROWS_PER_INSERT = 4000;

/** A skewed pick in [0, n): low indexes (big agencies) carry most of the traffic. */
export function skewed(n: number): number {
  return Math.min(n - 1, Math.floor(n * Math.random() ** 2.5));
}

function pickStatus(): MessageStatus {
  const r = Math.random();
  if (r < 0.02) {
    return MessageStatus.ERROR;
  }
  if (r < 0.12) {
    return MessageStatus.SENT;
  }
  return r < 0.42 ? MessageStatus.DELIVERED : MessageStatus.ANSWERED;
}

export async function seedWorld(dataSource: DataSource): Promise<BenchWorld> {
  const now = new Date();
  const world: BenchWorld = {
    organizations: [],
    heads: [],
    systems: [],
    kinds: [],
    mnemonics: new Map(),
    monthStart: new Date(now.getTime() - 31 * 24 * 3600_000),
    monthMs: 30 * 24 * 3600_000,
  };
  for (let o = 0; o < ORGANIZATIONS; o++) {
    const organizationId = randomUUID();
    const userId = randomUUID();
    world.organizations.push(organizationId);
    world.heads.push(userId);
    await dataSource.query(
      `INSERT INTO organizations (id, type, inn, ogrn, full_name, created_at)
       VALUES (?, 'LEGAL_ENTITY', ?, ?, ?, NOW(3))`,
      [organizationId, String(7700000000 + o), String(1027700000000 + o), `Ведомство №${o}`],
    );
    await dataSource.query(
      `INSERT INTO users (id, last_name, first_name, phone, password_hash, security_question,
         security_answer_hash, created_at, updated_at)
       VALUES (?, 'Стендов', 'Иван', ?, 'not-a-hash', 'Вопрос', 'not-a-hash', NOW(3), NOW(3))`,
      [userId, `+7999${String(o).padStart(7, '0')}`],
    );
    await dataSource.query(
      `INSERT INTO memberships (id, organization_id, user_id, role, created_at)
       VALUES (?, ?, ?, 'HEAD', NOW(3))`,
      [randomUUID(), organizationId, userId],
    );
    const systems = { test: [] as string[], prod: [] as string[] };
    for (const environment of ['TEST', 'PROD'] as const) {
      for (let s = 0; s < SYSTEMS_PER_ENV; s++) {
        const id = randomUUID();
        const mnemonic = `BENCH_${o}_${environment}_${s}`;
        await dataSource.query(
          `INSERT INTO information_systems (id, organization_id, mnemonic, live_mnemonic,
             owned_mnemonic, name, environment, status, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', NOW(3), NOW(3))`,
          [id, organizationId, mnemonic, mnemonic, mnemonic, `Система ${mnemonic}`, environment],
        );
        world.mnemonics.set(id, mnemonic);
        (environment === 'TEST' ? systems.test : systems.prod).push(id);
      }
    }
    world.systems.push(systems);
  }
  for (let k = 0; k < KINDS; k++) {
    const owner = k % PROVIDERS;
    const id = randomUUID();
    const namespaceUri = `urn://bench/kind-${k}/1.0`;
    await dataSource.query(
      `INSERT INTO data_kinds (id, owner_system_id, owner_organization_id, environment, name,
         namespace_uri, version, root_element, created_at)
       VALUES (?, ?, ?, 'PROD', ?, ?, '1.0', 'Request', NOW(3))`,
      [
        id,
        world.systems[owner].prod[0],
        world.organizations[owner],
        `Вид сведений ${k}`,
        namespaceUri,
      ],
    );
    world.kinds.push({ id, namespaceUri, owner });
  }
  return world;
}

/** One generated message: who, what, when, and its events (SENT first, then the final one). */
export interface BenchMessage {
  messageId: string;
  kind: number;
  consumer: number;
  environment: 'TEST' | 'PROD';
  status: MessageStatus;
  createdAt: Date;
  updatedAt: Date;
}

export function generateMessage(world: BenchWorld, at: Date): BenchMessage {
  const kind = Math.floor(Math.random() * world.kinds.length);
  let consumer = skewed(world.organizations.length);
  if (consumer === world.kinds[kind].owner) {
    consumer = (consumer + PROVIDERS) % world.organizations.length;
  }
  const status = pickStatus();
  return {
    messageId: randomUUID(),
    kind,
    consumer,
    environment: Math.random() < 0.1 ? 'TEST' : 'PROD',
    status,
    createdAt: at,
    updatedAt:
      status === MessageStatus.SENT
        ? at
        : new Date(at.getTime() + 200 + Math.floor(Math.random() * 5000)),
  };
}

function systemOf(world: BenchWorld, organization: number, environment: 'TEST' | 'PROD'): string {
  const systems = world.systems[organization];
  return (environment === 'TEST' ? systems.test : systems.prod)[0];
}

const q = (value: string) => `'${value}'`;
const ts = (date: Date) => q(date.toISOString().slice(0, 23).replace('T', ' '));

function messageRow(world: BenchWorld, m: BenchMessage): string {
  const kind = world.kinds[m.kind];
  const provider = kind.owner;
  return `(${[
    q(m.messageId),
    q(kind.id),
    q(systemOf(world, m.consumer, m.environment)),
    q(systemOf(world, provider, m.environment)),
    q(world.organizations[m.consumer]),
    q(world.organizations[provider]),
    q(m.environment),
    q(m.status),
    MESSAGE_STATUS_RANK[m.status],
    ts(m.updatedAt),
    ts(m.createdAt),
    ts(m.updatedAt),
  ].join(',')})`;
}

function eventRows(m: BenchMessage): string[] {
  const id = `${q(m.environment)},${q(m.messageId)}`;
  const rows = [`(${id},${ts(m.createdAt)},'SENT',NULL,${ts(m.createdAt)})`];
  if (m.status !== MessageStatus.SENT) {
    rows.push(`(${id},${ts(m.updatedAt)},${q(m.status)},NULL,${ts(m.updatedAt)})`);
  }
  return rows;
}

/**
 * Inserts `count` messages spread over the month in time order, with their events. Values are
 * generated (UUIDs, ISO times, enum names), so they are written as literals: no 65 535-placeholder
 * limit, no per-value round trip. Answers a sample of the seeded messages for the lookups.
 */
export async function seedMessages(
  dataSource: DataSource,
  world: BenchWorld,
  count: number,
  onProgress: (done: number) => void,
): Promise<{ sample: BenchMessage[]; events: number }> {
  // Messages and events go to their tables over two connections at once.
  const runners = [dataSource.createQueryRunner(), dataSource.createQueryRunner()];
  const sample: BenchMessage[] = [];
  let events = 0;
  try {
    for (const runner of runners) {
      await runner.connect();
      await runner.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
    }
    const messageHead = `INSERT INTO inter_agency_messages (message_id, data_kind_id,
      consumer_system_id, provider_system_id, consumer_organization_id, provider_organization_id,
      environment, status, status_rank, status_at, created_at, updated_at) VALUES`;
    const eventHead = `INSERT INTO inter_agency_message_events (environment, message_id, at,
      status, detail, received_at) VALUES`;
    const step = world.monthMs / count;
    const sampleEvery = Math.max(1, Math.floor(count / 1000));
    for (let start = 0; start < count; start += MESSAGE_ROWS_PER_INSERT) {
      const messages: string[] = [];
      const eventBuffer: string[] = [];
      for (let i = start; i < Math.min(count, start + MESSAGE_ROWS_PER_INSERT); i++) {
        const m = generateMessage(
          world,
          new Date(world.monthStart.getTime() + Math.floor(i * step)),
        );
        if (i % sampleEvery === 0) {
          sample.push(m);
        }
        messages.push(messageRow(world, m));
        eventBuffer.push(...eventRows(m));
      }
      events += eventBuffer.length;
      await Promise.all([
        runners[0].query(`${messageHead} ${messages.join(',')}`),
        runners[1].query(`${eventHead} ${eventBuffer.join(',')}`),
      ]);
      onProgress(Math.min(count, start + MESSAGE_ROWS_PER_INSERT));
    }
  } finally {
    for (const runner of runners) {
      await runner.release();
    }
  }
  await dataSource.query('ANALYZE TABLE inter_agency_messages, inter_agency_message_events');
  return { sample, events };
}
