import type { Queue } from 'bull';
import { ReportQueueStats } from './report-queue.stats';

/** The few Redis commands the stats use, on plain maps, with expiry on a clock the test sets. */
class FakeRedis {
  readonly strings = new Map<string, { value: string; expiresAt: number | null }>();
  readonly hashes = new Map<string, Map<string, string>>();
  now = 0;

  private read(key: string): string | null {
    const entry = this.strings.get(key);
    if (!entry || (entry.expiresAt !== null && entry.expiresAt <= this.now)) {
      return null;
    }
    return entry.value;
  }

  incr(key: string): Promise<number> {
    const next = Number(this.read(key) ?? 0) + 1;
    const expiresAt = this.strings.get(key)?.expiresAt ?? null;
    this.strings.set(key, { value: String(next), expiresAt });
    return Promise.resolve(next);
  }

  get(key: string): Promise<string | null> {
    return Promise.resolve(this.read(key));
  }

  mget(...keys: string[]): Promise<(string | null)[]> {
    return Promise.resolve(keys.map((k) => this.read(k)));
  }

  set(key: string, value: string, mode: 'EX', seconds: number): Promise<'OK'> {
    expect(mode).toBe('EX');
    this.strings.set(key, { value, expiresAt: this.now + seconds * 1000 });
    return Promise.resolve('OK');
  }

  hset(key: string, field: string, value: string): Promise<number> {
    const hash = this.hashes.get(key) ?? new Map<string, string>();
    this.hashes.set(key, hash);
    hash.set(field, value);
    return Promise.resolve(1);
  }

  hdel(key: string, field: string): Promise<number> {
    return Promise.resolve(this.hashes.get(key)?.delete(field) ? 1 : 0);
  }

  hmget(key: string, ...fields: string[]): Promise<(string | null)[]> {
    return Promise.resolve(fields.map((f) => this.hashes.get(key)?.get(f) ?? null));
  }

  multi() {
    const ops: (() => Promise<unknown>)[] = [];
    const chain = {
      incr: (key: string) => (ops.push(() => this.incr(key)), chain),
      expire: (key: string, seconds: number) => {
        ops.push(() => {
          const entry = this.strings.get(key);
          if (entry) {
            entry.expiresAt = this.now + seconds * 1000;
          }
          return Promise.resolve(1);
        });
        return chain;
      },
      del: (key: string) => (ops.push(() => Promise.resolve(this.strings.delete(key))), chain),
      exec: async () => {
        const results: [null, unknown][] = [];
        for (const op of ops) {
          results.push([null, await op()]);
        }
        return results;
      },
    };
    return chain;
  }
}

describe(ReportQueueStats.name, () => {
  let redis: FakeRedis;
  let counts: { waiting: number; delayed: number; active: number };
  let stats: ReportQueueStats;
  const T0 = Date.parse('2026-11-30T09:00:00Z');
  const at = (ms: number) => {
    redis.now = T0 + ms;
    return new Date(T0 + ms);
  };

  beforeEach(() => {
    redis = new FakeRedis();
    counts = { waiting: 0, delayed: 0, active: 0 };
    const queue = {
      client: redis,
      toKey: (key: string) => `bull:remote-work-reports:${key}`,
      getJobCounts: () => Promise.resolve(counts),
    };
    stats = new ReportQueueStats(queue as unknown as Queue);
    at(0);
  });

  describe('positions', () => {
    it('should number reports in the order they are queued', async () => {
      await stats.enqueued('a');
      await stats.enqueued('b');
      await stats.enqueued('c');
      const { positions } = await stats.live(['a', 'b', 'c'], []);
      expect([...positions]).toEqual([
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ]);
    });

    it('should move everyone behind up by one when a worker takes a report', async () => {
      await stats.enqueued('a');
      await stats.enqueued('b');
      await stats.enqueued('c');
      await stats.started('a');
      const { positions } = await stats.live(['a', 'b', 'c'], []);
      expect(positions.has('a')).toBe(false);
      expect(positions.get('b')).toBe(1);
      expect(positions.get('c')).toBe(2);
    });

    it('should count a report taken again (a retry) once', async () => {
      await stats.enqueued('a');
      await stats.enqueued('b');
      await stats.started('a');
      await stats.started('a');
      expect((await stats.live(['b'], [])).positions.get('b')).toBe(1);
    });

    it('should never give a position below 1, even when reports are taken out of order', async () => {
      await stats.enqueued('a');
      await stats.enqueued('b');
      await stats.enqueued('c');
      // Fair slots: an organization's later report is taken first.
      await stats.started('c');
      await stats.started('b');
      expect((await stats.live(['a'], [])).positions.get('a')).toBe(1);
    });

    it('should know no position of a report it never numbered', async () => {
      expect((await stats.live(['x'], [])).positions.size).toBe(0);
    });
  });

  describe('progress', () => {
    it('should keep the rows processed of a PROCESSING report until it finishes', async () => {
      await stats.progressed('r', 3000);
      await stats.progressed('r', 5000);
      expect((await stats.live([], ['r'])).progress.get('r')).toBe(5000);
      await stats.finished('r', at(1000));
      expect((await stats.live([], ['r'])).progress.has('r')).toBe(false);
    });

    it('should forget the figure of a report whose worker died, after ten minutes', async () => {
      await stats.progressed('r', 1000);
      at(599_000);
      expect((await stats.live([], ['r'])).progress.get('r')).toBe(1000);
      at(600_000);
      expect((await stats.live([], ['r'])).progress.has('r')).toBe(false);
    });

    it('should ask Redis nothing when no report is live', async () => {
      const spy = jest.spyOn(redis, 'mget');
      const hspy = jest.spyOn(redis, 'hmget');
      const live = await stats.live([], []);
      expect(live.positions.size + live.progress.size).toBe(0);
      expect(spy).not.toHaveBeenCalled();
      expect(hspy).not.toHaveBeenCalled();
    });
  });

  describe(ReportQueueStats.prototype.snapshot.name, () => {
    it('should be an empty queue with no wait when nothing waits', async () => {
      expect(await stats.snapshot(at(0))).toEqual({
        waiting: 0,
        processingRate: 0,
        estimatedWaitSeconds: 0,
      });
    });

    it('should not guess a wait while reports wait but none finished in the last minute', async () => {
      counts = { waiting: 5, delayed: 2, active: 1 };
      expect(await stats.snapshot(at(0))).toEqual({
        waiting: 7,
        processingRate: 0,
        estimatedWaitSeconds: null,
      });
    });

    it('should rate reports finished over the last 60 seconds and estimate the wait', async () => {
      for (let i = 0; i < 30; i++) {
        await stats.finished(`done-${i}`, at(i * 1000));
      }
      counts = { waiting: 10, delayed: 5, active: 2 };
      const snapshot = await stats.snapshot(at(30_000));
      expect(snapshot.waiting).toBe(15);
      expect(snapshot.processingRate).toBeCloseTo(30 / 60);
      expect(snapshot.estimatedWaitSeconds).toBe(30);
    });

    it('should leave out reports finished more than a minute ago', async () => {
      await stats.finished('old', at(0));
      await stats.finished('new', at(59_500));
      counts = { waiting: 1, delayed: 0, active: 0 };
      // At 60.2 s the window is the seconds 1..60: the one finished at 0 s is out.
      const snapshot = await stats.snapshot(at(60_200));
      expect(snapshot.processingRate).toBeCloseTo(1 / 60);
      expect(snapshot.estimatedWaitSeconds).toBe(60);
    });
  });
});
