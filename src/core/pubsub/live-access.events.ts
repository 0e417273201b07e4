import { Inject, Injectable, Logger } from '@nestjs/common';
import type { PubSubEngine } from 'graphql-subscriptions';
import { PUB_SUB } from './pubsub.token';

/** The pub/sub channel that tells every API node a right to live events has ended. */
export const LIVE_ACCESS_CHANNEL = 'live-access-ended';

/**
 * A right to live events ended: some of an account's sessions (logout, revokeSession, a password
 * change or reset, account deletion), or its membership of an organization.
 */
export type LiveAccessEnded =
  | { kind: 'sessions'; userId: string }
  | { kind: 'membership'; userId: string; organizationId: string };

/**
 * Announces ended rights after they are committed, through Redis so the node that holds the
 * account's sockets closes them whichever node made the change. A failed announcement is logged
 * and never undoes the change: the sockets are still re-checked on every operation and closed
 * when their token expires.
 */
@Injectable()
export class LiveAccessEvents {
  private readonly logger = new Logger(LiveAccessEvents.name);

  constructor(@Inject(PUB_SUB) private readonly pubSub: PubSubEngine) {}

  /** Some sessions of the account ended; its sockets re-check their own. */
  sessionsEnded(userId: string): Promise<void> {
    return this.publish({ kind: 'sessions', userId });
  }

  /** The account is no longer a member of the organization. */
  membershipEnded(userId: string, organizationId: string): Promise<void> {
    return this.publish({ kind: 'membership', userId, organizationId });
  }

  /** Calls `listener` for every announcement; resolves to the unsubscribe. */
  async listen(listener: (event: LiveAccessEnded) => void): Promise<() => void> {
    const id = await this.pubSub.subscribe(LIVE_ACCESS_CHANNEL, listener, {});
    return () => {
      this.pubSub.unsubscribe(id);
    };
  }

  private async publish(event: LiveAccessEnded): Promise<void> {
    try {
      await this.pubSub.publish(LIVE_ACCESS_CHANNEL, event);
    } catch (error) {
      this.logger.error({ err: error, kind: event.kind }, 'live access end not published');
    }
  }
}
