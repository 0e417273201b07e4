import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the scripted registry does with a request. */
export type RegistryBehaviour =
  | { result: 'MATCH' | 'MISMATCH' | 'NOT_FOUND' }
  | { status: number }
  /** Keeps the request open without answering (until the server closes). */
  | { hang: true };

/** One request the registry received. */
export interface RegistryRequest {
  path: string;
  body: Record<string, unknown>;
}

/** The link-check paths (REGISTRY_DRIVER=http) and the body field each is keyed by. */
const LINK_KEYS: Record<string, string> = {
  '/vehicle': 'plate',
  '/oms-policy': 'policy',
  '/birth-record': 'childSnils',
  '/payer-code': 'code',
  '/electricity-account': 'account',
  '/driver-license': 'number',
};

/**
 * A real HTTP person registry for e2e tests (the `REGISTRY_DRIVER=http` contract of API.md:
 * `POST /snils`, `POST /passport` → `{ result }`) on 127.0.0.1 with a free port. Scriptable per
 * document key (the SNILS, or `series number` for a passport): queued behaviours are used first,
 * one per request, then the key's default, then the server's default (MATCH).
 */
export class RegistryServer {
  readonly requests: RegistryRequest[] = [];
  private readonly scripts = new Map<string, RegistryBehaviour[]>();
  private readonly defaults = new Map<string, RegistryBehaviour>();
  private readonly records = new Map<string, Record<string, unknown>>();
  private readonly hanging = new Set<ServerResponse>();
  private readonly server: Server;
  private port = 0;

  private constructor() {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  /** The URL to give as REGISTRY_URL. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RegistryServer> {
    const registry = new RegistryServer();
    await new Promise<void>((resolve) => registry.server.listen(0, '127.0.0.1', resolve));
    registry.port = (registry.server.address() as AddressInfo).port;
    return registry;
  }

  /** Answers for `key`: `times` times `behaviour` first (then whatever follows). */
  script(key: string, behaviour: RegistryBehaviour, times = 1): this {
    const queue = this.scripts.get(key) ?? [];
    for (let i = 0; i < times; i++) {
      queue.push(behaviour);
    }
    this.scripts.set(key, queue);
    return this;
  }

  /** What `key` gets once its script is used up. */
  always(key: string, behaviour: RegistryBehaviour): this {
    this.defaults.set(key, behaviour);
    return this;
  }

  /**
   * A record of a link registry (`path` as `/vehicle`, `/oms-policy`, `/birth-record`,
   * `/payer-code`, `/electricity-account`, `/driver-license`): a check of `key` answers MATCH
   * when every field of `proof` equals the request's, MISMATCH otherwise. A link check of a key
   * without a record answers NOT_FOUND (scripts still come first).
   */
  record(path: string, key: string, proof: Record<string, unknown>): this {
    this.records.set(`${path} ${key}`, proof);
    return this;
  }

  /** Requests about `key`. */
  requestsFor(key: string): RegistryRequest[] {
    return this.requests.filter((r) => keyOf(r.body, r.path) === key);
  }

  async close(): Promise<void> {
    this.hanging.forEach((res) => res.destroy());
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private fromRecord(path: string, key: string): RegistryBehaviour | undefined {
    if (!LINK_KEYS[path]) {
      return undefined;
    }
    const proof = this.records.get(`${path} ${key}`);
    if (!proof) {
      return { result: 'NOT_FOUND' };
    }
    const body = this.requests[this.requests.length - 1].body;
    const same = Object.entries(proof).every(([field, value]) => body[field] === value);
    return { result: same ? 'MATCH' : 'MISMATCH' };
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        res.writeHead(400).end();
        return;
      }
      const path = req.url ?? '/';
      this.requests.push({ path, body });
      const key = keyOf(body, path);
      const behaviour = this.scripts.get(key)?.shift() ??
        this.defaults.get(key) ??
        this.fromRecord(path, key) ?? { result: 'MATCH' as const };
      if ('hang' in behaviour) {
        this.hanging.add(res);
        return;
      }
      if ('status' in behaviour) {
        res.writeHead(behaviour.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'unavailable' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ result: behaviour.result }));
    });
  }
}

function keyOf(body: Record<string, unknown>, path = ''): string {
  const linkKey = LINK_KEYS[path];
  if (linkKey) {
    return String(body[linkKey]);
  }
  return typeof body.snils === 'string'
    ? body.snils
    : `${String(body.series)} ${String(body.number)}`;
}
