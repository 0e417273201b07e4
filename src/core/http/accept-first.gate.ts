import type { EventEmitter } from 'node:events';

/** How long requests may be held while connections keep arriving, at the most. */
export const MAX_HOLD_MS = 100;

/**
 * Accepts waiting connections before it starts work on the requests already read.
 *
 * Since libuv 1.45 (Node 20) a listening socket accepts one connection per turn of the event
 * loop. When hundreds of clients connect at once (every employer's browser on deadline day) and
 * the first requests already keep the loop busy, each turn runs long and the other connections
 * wait in the kernel's queue one turn apiece: in measured bursts of 200 uploads the last ones were
 * accepted up to 600 ms late, and the requests that did get in arrived a few at a time, too few to
 * share a database statement (see per-turn-batch). So a request is held while the loop is still
 * accepting connections: as long as each turn accepts another one, turns stay short (nothing but
 * accepting and reading headers, and the work of requests already started), and once a whole
 * turn passes without a new connection, or after {@link MAX_HOLD_MS}, the held requests all go
 * ahead together. A request arriving alone waits for one turn of an otherwise idle loop.
 *
 * Kept behind a reverse proxy too: behind nginx running deploy/nginx.conf (upstream keep-alive),
 * the 200-upload burst cost the API's main thread 0.57 / 0.64 ms per upload with the gate and
 * 0.84 / 0.97 ms without it, p99 291 / 300 against 457 / 494 ms (and 0.90 / 0.92 against
 * 2.45 / 1.97 ms on a machine loaded by other work), A/B on 2026-12-08 (docs/scaling.md, «A/B
 * behind nginx»): nginx still opens new upstream connections in a burst, and requests it
 * forwards one by one share statements (per-turn-batch) only when they are released together.
 */
export class AcceptFirstGate {
  private accepted = 0;
  // Connections accepted when the previous check ran; -1 before the first check of a hold.
  private seen = -1;
  private held: (() => void)[] = [];
  private heldSince = 0;

  constructor(private readonly maxHoldMs = MAX_HOLD_MS) {}

  /** Counts the connections the server accepts. */
  watch(server: EventEmitter): void {
    server.on('connection', () => {
      this.accepted++;
    });
  }

  /** Runs `start` once a whole turn of the event loop has accepted no connection. */
  admit(start: () => void): void {
    this.held.push(start);
    if (this.held.length === 1) {
      this.seen = -1;
      this.heldSince = performance.now();
      setImmediate(this.check);
    }
  }

  // Runs after the poll phase of every turn while requests are held. A request and the accept of
  // the next connection can come in either order within one poll phase, so only a whole turn
  // between two checks tells that no connection is waiting.
  private readonly check = (): void => {
    const quietTurn = this.seen === this.accepted;
    if (!quietTurn && performance.now() - this.heldSince < this.maxHoldMs) {
      this.seen = this.accepted;
      setImmediate(this.check);
      return;
    }
    const released = this.held;
    this.held = [];
    for (const start of released) {
      start();
    }
  };
}
