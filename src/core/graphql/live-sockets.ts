import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { AuthPrincipal } from '../../shared/auth/index';
import { TokenVerifier } from '../../shared/auth/index';
import { AppException, ErrorCode } from '../../shared/errors/index';
import { LiveAccessEnded, LiveAccessEvents } from '../pubsub/live-access.events';

/** graphql-ws close codes (the protocol's own): the token no longer holds / the right ended. */
export const WS_CLOSE_UNAUTHORIZED = 4401;
export const WS_CLOSE_FORBIDDEN = 4403;

/** What a live socket needs of the `ws` WebSocket. */
export interface LiveSocketHandle {
  close(code: number, reason: string): void;
  once(event: 'close', listener: () => void): unknown;
}

interface LiveSocket {
  socket: LiveSocketHandle;
  token: string;
  principal: AuthPrincipal;
  expiry?: NodeJS.Timeout;
}

// setTimeout takes at most 2^31 - 1 ms; a token living longer is re-armed when that passes.
const MAX_TIMER_MS = 2_147_483_647;

/** Seconds since the epoch at which a (verified) JWT expires, from its payload. */
export function tokenExpiry(token: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp : null;
  } catch {
    return null;
  }
}

/**
 * The graphql-ws sockets of this node and the rights they stand on. A socket closes with 4401 when
 * its access token expires or its session ends (logout, revokeSession, a password change or reset,
 * account deletion), and with 4403 when its account leaves the organization the session acts for.
 * Ends are announced through Redis ({@link LiveAccessEvents}), so whichever node made the change,
 * the node holding the socket closes it. A client reconnects with a fresh token.
 */
@Injectable()
export class LiveSockets implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LiveSockets.name);
  private readonly byUser = new Map<string, Set<LiveSocket>>();
  private stopListening?: () => void;

  constructor(
    private readonly tokens: TokenVerifier,
    private readonly events: LiveAccessEvents,
  ) {}

  async onModuleInit(): Promise<void> {
    this.stopListening = await this.events.listen((event) => void this.ended(event));
  }

  onModuleDestroy(): void {
    this.stopListening?.();
    for (const sockets of this.byUser.values()) {
      sockets.forEach((s) => clearTimeout(s.expiry));
    }
    this.byUser.clear();
  }

  /** Follows a socket whose token was just verified, until it closes. */
  track(socket: LiveSocketHandle, token: string, principal: AuthPrincipal): void {
    const live: LiveSocket = { socket, token, principal };
    const key = principal.subject;
    const set = this.byUser.get(key) ?? new Set<LiveSocket>();
    set.add(live);
    this.byUser.set(key, set);
    const exp = tokenExpiry(token);
    if (exp !== null) {
      this.armExpiry(live, exp);
    }
    socket.once('close', () => {
      clearTimeout(live.expiry);
      set.delete(live);
      if (set.size === 0 && this.byUser.get(key) === set) {
        this.byUser.delete(key);
      }
    });
  }

  /** How many sockets this node follows (for tests and metrics). */
  count(): number {
    let n = 0;
    this.byUser.forEach((set) => (n += set.size));
    return n;
  }

  private armExpiry(live: LiveSocket, exp: number): void {
    const left = exp * 1000 - Date.now();
    live.expiry = setTimeout(
      () => {
        if (exp * 1000 > Date.now()) {
          this.armExpiry(live, exp);
          return;
        }
        live.socket.close(WS_CLOSE_UNAUTHORIZED, 'Unauthorized: token expired');
      },
      Math.min(Math.max(left, 0), MAX_TIMER_MS),
    );
    live.expiry.unref();
  }

  private async ended(event: LiveAccessEnded): Promise<void> {
    const sockets = [...(this.byUser.get(event.userId) ?? [])];
    if (event.kind === 'membership') {
      sockets
        .filter((s) => s.principal.organizationId === event.organizationId)
        .forEach((s) => s.socket.close(WS_CLOSE_FORBIDDEN, 'Forbidden: membership ended'));
      return;
    }
    // Which of the account's sessions ended is the database's answer: each socket re-checks its
    // own token (a password change keeps the caller's session).
    await Promise.all(
      sockets.map(async (s) => {
        try {
          await this.tokens.verify(s.token);
        } catch (error) {
          if (!(error instanceof AppException && error.code === ErrorCode.UNAUTHENTICATED)) {
            this.logger.warn(
              { err: error },
              'live socket closed: its session could not be checked',
            );
          }
          s.socket.close(WS_CLOSE_UNAUTHORIZED, 'Unauthorized: session ended');
        }
      }),
    );
  }
}
