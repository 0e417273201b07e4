import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface GqlError {
  message: string;
  extensions?: Record<string, unknown> & { code?: string; subCode?: string };
  path?: (string | number)[];
}

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: GqlError[];
}

/** A small GraphQL-over-HTTP client for the e2e tests, speaking to the app like a browser would. */
export class GqlHttpClient {
  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    options: { token?: string; headers?: Record<string, string> } = {},
  ): Promise<GqlResponse<T>> {
    const res = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    let body: { data?: T; errors?: GqlError[] } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = { errors: [{ message: text }] };
    }
    return { status: res.status, data: body.data, errors: body.errors };
  }

  /** Like request(), but fails the test when the response has errors. */
  async ok<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    options: { token?: string; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const res = await this.request<T>(query, variables, options);
    if (res.errors?.length || !res.data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)} (HTTP ${res.status})`);
    }
    return res.data;
  }

  /** A graphql-ws client on the same endpoint, authenticated with the token when given. */
  ws(token?: string): GqlWsClient {
    return new GqlWsClient(this.baseUrl.replace(/^http/, 'ws') + '/graphql', token);
  }
}

/** A graphql-ws connection with helpers to await events in order. */
export class GqlWsClient {
  readonly client: Client;
  private closed?: { code: number; reason: string };
  readonly connected: Promise<void>;

  constructor(url: string, token?: string) {
    let resolveConnected!: () => void;
    let rejectConnected!: (e: unknown) => void;
    this.connected = new Promise<void>((resolve, reject) => {
      resolveConnected = resolve;
      rejectConnected = reject;
    });
    this.client = createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      on: {
        connected: () => resolveConnected(),
        closed: (event) => {
          const e = event as { code: number; reason: string };
          this.closed = { code: e.code, reason: e.reason };
          rejectConnected(new Error(`closed ${e.code} ${e.reason}`));
        },
      },
      onNonLazyError: () => undefined,
    });
  }

  get closeEvent() {
    return this.closed;
  }

  /** Starts an operation and collects everything it yields. */
  subscribe<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Subscription<T> {
    return new Subscription<T>(this.client, query, variables);
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

/** The results of one graphql-ws operation, awaited one by one. */
export class Subscription<T> {
  private readonly results: GqlResponse<T>[] = [];
  private waiters: (() => void)[] = [];
  private error?: unknown;
  completed = false;
  private readonly unsubscribe: () => void;

  constructor(client: Client, query: string, variables: Record<string, unknown>) {
    this.unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          this.results.push({
            status: 200,
            data: value.data,
            errors: value.errors as GqlError[],
          });
          this.wake();
        },
        error: (error) => {
          this.error = error;
          this.wake();
        },
        complete: () => {
          this.completed = true;
          this.wake();
        },
      },
    );
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }

  /** The next result; rejects on an operation error or after the timeout. */
  async next(timeoutMs = 10_000): Promise<GqlResponse<T>> {
    const deadline = Date.now() + timeoutMs;
    while (this.results.length === 0) {
      if (this.error) {
        throw this.error instanceof Error ? this.error : new Error(JSON.stringify(this.error));
      }
      if (this.completed) {
        throw new Error('subscription completed');
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error('timed out waiting for a subscription event');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.results.shift()!;
  }

  /** The operation's error (for operations refused by the server). */
  async failure(timeoutMs = 10_000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    while (!this.error && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.error;
  }

  stop(): void {
    this.unsubscribe();
  }
}
