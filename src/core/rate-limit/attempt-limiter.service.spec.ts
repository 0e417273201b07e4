import { AppException, ErrorCode } from '../../shared/errors/index';
import { AttemptLimit, AttemptLimiter } from './attempt-limiter.service';
import { CounterStore, WindowCount } from './counter-store';

// Fixed windows with a hand-driven clock, mirroring what the Redis script does.
class FakeCounterStore extends CounterStore {
  now = 0;
  readonly counters = new Map<string, { count: number; endsAt: number }>();

  increment(key: string, windowMs: number): Promise<WindowCount> {
    let counter = this.counters.get(key);
    if (!counter || counter.endsAt <= this.now) {
      counter = { count: 0, endsAt: this.now + windowMs };
      this.counters.set(key, counter);
    }
    counter.count += 1;
    return Promise.resolve({ count: counter.count, resetInMs: counter.endsAt - this.now });
  }

  reset(key: string): Promise<void> {
    this.counters.delete(key);
    return Promise.resolve();
  }
}

const LOGIN: AttemptLimit = { name: 'login', max: 3, windowSeconds: 900 };

describe(AttemptLimiter.name, () => {
  let store: FakeCounterStore;
  let limiter: AttemptLimiter;

  beforeEach(() => {
    store = new FakeCounterStore();
    limiter = new AttemptLimiter(store);
  });

  it('should allow attempts up to the limit and refuse the next one', async () => {
    for (let i = 1; i <= 3; i++) {
      expect(await limiter.hit(LOGIN, '+79161234567')).toMatchObject({ allowed: true, count: i });
    }
    expect(await limiter.hit(LOGIN, '+79161234567')).toEqual({
      allowed: false,
      count: 4,
      retryAfterSeconds: 900,
    });
  });

  it('should throw RATE_LIMITED with the seconds left in the window when consume exceeds the limit', async () => {
    for (let i = 0; i < 3; i++) {
      await limiter.consume(LOGIN, 'a@example.ru');
    }
    store.now = 300_500;
    const error = await limiter.consume(LOGIN, 'a@example.ru').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppException);
    expect(error).toMatchObject({
      code: ErrorCode.RATE_LIMITED,
      extras: { retryAfterSeconds: 600 },
    });
  });

  it('should open a new window when the old one has ended', async () => {
    for (let i = 0; i < 4; i++) {
      await limiter.hit(LOGIN, 'x');
    }
    store.now = 900_000;
    expect(await limiter.hit(LOGIN, 'x')).toMatchObject({ allowed: true, count: 1 });
  });

  it('should count subjects and limits apart', async () => {
    const other: AttemptLimit = { name: 'code', max: 3, windowSeconds: 60 };
    for (let i = 0; i < 3; i++) {
      await limiter.hit(LOGIN, 'x');
    }
    expect((await limiter.hit(LOGIN, 'y')).allowed).toBe(true);
    expect((await limiter.hit(other, 'x')).allowed).toBe(true);
    expect((await limiter.hit(LOGIN, 'x')).allowed).toBe(false);
  });

  it('should start afresh after reset', async () => {
    for (let i = 0; i < 4; i++) {
      await limiter.hit(LOGIN, 'x');
    }
    await limiter.reset(LOGIN, 'x');
    expect(await limiter.hit(LOGIN, 'x')).toMatchObject({ allowed: true, count: 1 });
  });

  it('should keep personal data out of the key and report at least one second', async () => {
    const key = AttemptLimiter.key(LOGIN, '+79161234567');
    expect(key).toMatch(/^rl:login:[\w-]{32}$/);
    expect(key).not.toContain('9161234567');
    store.now = 0;
    await limiter.hit({ ...LOGIN, windowSeconds: 1 }, 'z');
    store.now = 999;
    expect((await limiter.hit({ ...LOGIN, windowSeconds: 1 }, 'z')).retryAfterSeconds).toBe(1);
  });
});
