import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import { Connection } from 'mysql2';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { ensureOrganization, headToken, uploadReport } from '../test/support/report-fixtures';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/core/bootstrap';
import { parseDatabaseUrl } from '../src/database/database-url';
import { ensureDatabase } from '../src/database/ensure-database';
import { benchOrganization, writeBenchWorkbook } from '../test/support/bench-workbook';
import { deleteDatabaseKeys } from './redis-keys';

// What one small report costs the databases: every SQL statement the MySQL driver sends and every
// Redis command, counted while reports go through one `APP_ROLE=all` process in this process, one
// after another. The counters wrap the drivers' send methods: the app's own configuration stays
// as it is in production.

const POLL_MARK = '/* bench-poll */';
const FINAL = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED', 'FAILED'];

let counting = false;
const statements = new Map<string, number>();
const commands = new Map<string, number>();

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function installCounters(): void {
  const proto = Connection.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of ['query', 'execute']) {
    const original = proto[method];
    proto[method] = function (this: unknown, sql: unknown, ...rest: unknown[]) {
      const text = typeof sql === 'string' ? sql : (sql as { sql?: string })?.sql;
      if (counting && text && !text.includes(POLL_MARK)) {
        count(statements, text.replace(/\s+/g, ' ').trim());
      }
      return original.call(this, sql, ...rest);
    };
  }
  const redis = Redis.prototype as unknown as {
    sendCommand: (command: { name: string; args: unknown[] }, ...rest: unknown[]) => unknown;
  };
  const send = redis.sendCommand;
  redis.sendCommand = function (this: unknown, command, ...rest) {
    if (counting) {
      // Scripts by their number of keys: Bull's are told apart that way well enough.
      const name = command.name.startsWith('eval')
        ? `${command.name} (${String(command.args[1])} keys)`
        : command.name;
      count(commands, name);
    }
    return send.call(this, command, ...rest);
  };
}

export interface OverheadResult {
  reports: number;
  rows: number;
  sqlPerReport: number;
  statements: { perReport: number; sql: string }[];
  redisPerReport: number;
  commands: { perReport: number; command: string }[];
}

function perReport(map: Map<string, number>, reports: number) {
  return [...map.entries()]
    .map(([key, n]) => ({ key, perReport: n / reports }))
    .sort((a, b) => b.perReport - a.perReport);
}

/** Sends `reports` workbooks of `rows` rows one after another and counts what each costs. */
export async function runOverhead(reports: number, rows: number): Promise<OverheadResult> {
  const saved = { ...process.env };
  const base = new URL(process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/kabinet');
  const database = `kabinet_bench_${randomBytes(4).toString('hex')}`;
  base.pathname = `/${database}`;
  const dir = mkdtempSync(join(tmpdir(), 'kabinet-bench-overhead-'));
  Object.assign(process.env, {
    DATABASE_URL: base.toString(),
    STORAGE_DIR: join(dir, 'storage'),
    APP_ROLE: 'all',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
    SECRETS_MASTER_KEY: process.env.SECRETS_MASTER_KEY ?? randomBytes(32).toString('hex'),
  });
  installCounters();
  let app: INestApplication | null = null;
  try {
    await ensureDatabase(base.toString());
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRole('all'), {
      bodyParser: false,
      bufferLogs: true,
    });
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    const target = { url: `http://127.0.0.1:${port}` };
    const db = app.get(DataSource);

    const employers: { token: string; file: Buffer }[] = [];
    for (let i = 0; i < reports + 3; i++) {
      const organization = benchOrganization(3, i);
      const path = join(dir, `${i}.xlsx`);
      await writeBenchWorkbook(path, rows, organization);
      const organizationId = await ensureOrganization(db, organization);
      employers.push({ token: await headToken(db, organizationId), file: readFileSync(path) });
    }
    const submit = async (employer: { token: string; file: Buffer }) => {
      const res = await uploadReport(target, employer.token, employer.file, { week: '2100-01-04' });
      const id = (res.data?.submitRemoteWorkReport as { id?: string } | undefined)?.id;
      if (!id) {
        throw new Error(`upload failed: ${JSON.stringify(res.errors)}`);
      }
      for (;;) {
        const [row] = await db.query<{ status: string }[]>(
          `SELECT ${POLL_MARK} status FROM remote_work_reports WHERE id = ?`,
          [id],
        );
        if (FINAL.includes(row.status)) {
          return;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    // The first reports start parser children and fill pools: not counted.
    for (const employer of employers.slice(reports)) {
      await submit(employer);
    }
    // Their announcements follow the final commit the poll saw.
    await new Promise((r) => setTimeout(r, 300));
    counting = true;
    for (const employer of employers.slice(0, reports)) {
      await submit(employer);
    }
    // Announcements after the final commit.
    await new Promise((r) => setTimeout(r, 300));
    counting = false;

    const sql = perReport(statements, reports);
    const redis = perReport(commands, reports);
    return {
      reports,
      rows,
      sqlPerReport: sql.reduce((sum, s) => sum + s.perReport, 0),
      statements: sql.map((s) => ({ perReport: s.perReport, sql: s.key })),
      redisPerReport: redis.reduce((sum, s) => sum + s.perReport, 0),
      commands: redis.map((s) => ({ perReport: s.perReport, command: s.key })),
    };
  } finally {
    counting = false;
    await app?.close();
    await dropDatabase(base.toString());
    await deleteDatabaseKeys(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', database);
    rmSync(dir, { recursive: true, force: true });
    for (const key of Object.keys(process.env)) {
      if (!(key in saved)) {
        delete process.env[key];
      }
    }
    Object.assign(process.env, saved);
  }
}

async function dropDatabase(url: string): Promise<void> {
  const { host, port, username, password, database } = parseDatabaseUrl(url);
  const connection = await createConnection({ host, port, user: username, password });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The overhead figures as markdown. */
export function overheadTable(r: OverheadResult): string {
  const shortSql = (sql: string) => (sql.length > 90 ? `${sql.slice(0, 90)}…` : sql);
  return [
    `${r.reports} reports of ${r.rows} rows, one after another: **${round(r.sqlPerReport)} SQL statements** and ${round(r.redisPerReport)} Redis commands per report (blocking pops and lock renewals depend on timing).`,
    '',
    '| per report | SQL statement |',
    '|---:|---|',
    ...r.statements.map((s) => `| ${round(s.perReport)} | ` + '`` ' + shortSql(s.sql) + ' `` |'),
    '',
    '| per report | Redis command |',
    '|---:|---|',
    ...r.commands.map((c) => `| ${round(c.perReport)} | ${c.command} |`),
  ].join('\n');
}
