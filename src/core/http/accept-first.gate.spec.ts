import { EventEmitter } from 'node:events';
import { AcceptFirstGate } from './accept-first.gate';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe(AcceptFirstGate.name, () => {
  let server: EventEmitter;
  let gate: AcceptFirstGate;

  beforeEach(() => {
    server = new EventEmitter();
    gate = new AcceptFirstGate(50);
    gate.watch(server);
  });

  // One connection accepted in each of the next `turns` turns, like libuv under a burst.
  function acceptOnePerTurn(turns: number): Promise<void> {
    return new Promise((resolve) => {
      let left = turns;
      const accept = () => {
        server.emit('connection');
        if (--left > 0) {
          setImmediate(accept);
        } else {
          resolve();
        }
      };
      setImmediate(accept);
    });
  }

  it('should start a request that arrives alone after one quiet turn', async () => {
    server.emit('connection');
    const start = jest.fn();

    gate.admit(start);
    // The first turn only tells where accepting stood: a request and the next accept may come
    // in either order within one turn.
    await nextTurn();
    expect(start).not.toHaveBeenCalled();
    await nextTurn();

    expect(start).toHaveBeenCalledTimes(1);
  });

  it('should hold requests while every turn accepts another connection, then start them all in order', async () => {
    const started: number[] = [];
    const accepting = acceptOnePerTurn(10);
    gate.admit(() => started.push(1));
    gate.admit(() => started.push(2));

    for (let turn = 0; turn < 5; turn++) {
      await nextTurn();
    }
    expect(started).toEqual([]);
    await accepting;
    await nextTurn();
    await nextTurn();

    expect(started).toEqual([1, 2]);
  });

  it('should hold no longer than its limit however many connections keep coming', async () => {
    const start = jest.fn<void, [number]>();
    let accepting = true;
    const accept = () => {
      server.emit('connection');
      if (accepting) {
        setImmediate(accept);
      }
    };
    setImmediate(accept);
    const heldAt = performance.now();

    gate.admit(() => start(performance.now() - heldAt));
    while (start.mock.calls.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    accepting = false;

    const [heldMs] = start.mock.calls[0];
    expect(heldMs).toBeGreaterThanOrEqual(45);
    expect(heldMs).toBeLessThan(500);
  });
});
