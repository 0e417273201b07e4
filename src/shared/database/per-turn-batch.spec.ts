import { perTurnBatch, tuplePlaceholders } from './per-turn-batch';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('perTurnBatch', () => {
  it('should answer the calls of one turn with one run, each its own value, in order', async () => {
    const run = jest.fn((calls: readonly number[]) => Promise.resolve(calls.map((n) => n * 10)));
    const call = perTurnBatch(run);

    // Calls made from separate callbacks of the same turn, as requests' I/O arrives: one of them
    // from a callback that runs after this one has finished, microtasks included.
    const later = new Promise<number>((resolve) => setImmediate(() => resolve(call(2))));
    const answers = await Promise.all([call(1), later, Promise.resolve().then(() => call(3))]);

    expect(answers).toEqual([10, 20, 30]);
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith([1, 3, 2]);
  });

  it('should run a call of a later turn on its own, without a cached answer', async () => {
    let version = 0;
    const run = jest.fn((calls: readonly string[]) => Promise.resolve(calls.map(() => ++version)));
    const call = perTurnBatch(run);

    expect(await call('a')).toBe(1);
    await nextTurn();
    expect(await call('a')).toBe(2);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('should reject only the call whose answer is an Error', async () => {
    const call = perTurnBatch((calls: readonly number[]) =>
      Promise.resolve(calls.map((n) => (n < 0 ? new Error(`negative ${n}`) : n))),
    );

    const [good, bad] = await Promise.allSettled([call(1), call(-1)]);

    expect(good).toEqual({ status: 'fulfilled', value: 1 });
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: 'negative -1' } });
  });

  it('should reject every call of a run that fails', async () => {
    const call = perTurnBatch<number, number>(() => Promise.reject(new Error('database away')));

    const results = await Promise.allSettled([call(1), call(2)]);

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('should split a turn larger than the batch limit', async () => {
    const run = jest.fn((calls: readonly number[]) => Promise.resolve([...calls]));
    const call = perTurnBatch(run, 2);

    await Promise.all([1, 2, 3, 4, 5].map(call));

    expect(run.mock.calls.map(([calls]) => calls)).toEqual([[1, 2], [3, 4], [5]]);
  });
});

describe('tuplePlaceholders', () => {
  it('should write one tuple of placeholders a row', () => {
    expect(tuplePlaceholders(2, 3)).toBe('(?, ?, ?), (?, ?, ?)');
    expect(tuplePlaceholders(1, 1)).toBe('(?)');
  });
});
