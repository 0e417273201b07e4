import { Inject, Injectable } from '@nestjs/common';
import type { PubSubEngine } from 'graphql-subscriptions';
import { PUB_SUB } from '../../../core/pubsub/pubsub.module';
import type { InterAgencyActor } from '../access/inter-agency-actor';
import type { InterAgencyMessageEntity } from '../entities/inter-agency-message.entity';
import { toInterAgencyMessage } from '../graphql/inter-agency.mapper';
import { InterAgencyMessage } from '../graphql/inter-agency-message.type';
import { AsyncEventQueue } from '../../../core/pubsub/async-event-queue';

/** One event of `interAgencyMessageUpdated`, keyed by the field name for the default resolver. */
export interface MessageUpdatedEvent {
  interAgencyMessageUpdated: InterAgencyMessage;
}

type WireMessage = Omit<InterAgencyMessage, 'createdAt' | 'updatedAt'> & {
  createdAt: string;
  updatedAt: string;
};

/** Updates travel on each party organization's own channel: nobody else ever receives them. */
export function messageChannel(organizationId: string): string {
  return `inter-agency-message:${organizationId}`;
}

/**
 * `interAgencyMessageUpdated`: published by whichever instance recorded the events (through
 * Redis), delivered to subscribers of the consumer's and the provider's organizations, within the
 * environments the subscriber may see.
 */
@Injectable()
export class MessageFeed {
  constructor(@Inject(PUB_SUB) private readonly pubSub: PubSubEngine) {}

  /** One publish per party organization per batch (not per message): a batch is 1 000 events. */
  async publish(rows: readonly InterAgencyMessageEntity[]): Promise<void> {
    const byOrganization = new Map<string, InterAgencyMessage[]>();
    for (const row of rows) {
      const message = toInterAgencyMessage(row);
      for (const id of new Set([row.consumerOrganizationId, row.providerOrganizationId])) {
        if (!id) {
          continue;
        }
        const list = byOrganization.get(id);
        if (list) {
          list.push(message);
        } else {
          byOrganization.set(id, [message]);
        }
      }
    }
    await Promise.all(
      [...byOrganization].map(([id, messages]) =>
        this.pubSub.publish(messageChannel(id), messages),
      ),
    );
  }

  async open(
    actor: InterAgencyActor,
    messageId?: string,
  ): Promise<AsyncIterableIterator<MessageUpdatedEvent>> {
    const environments = new Set(actor.environments);
    // A reader that falls behind loses the oldest events beyond 200; the message's current state
    // is always queryable.
    const stream = new AsyncEventQueue<MessageUpdatedEvent>(() => {
      this.pubSub.unsubscribe(subscriptionId);
    }, 200);
    const subscriptionId = await this.pubSub.subscribe(
      messageChannel(actor.organizationId),
      (batch: WireMessage[]) => {
        for (const wire of batch) {
          if (
            (messageId !== undefined && wire.messageId !== messageId) ||
            !environments.has(wire.environment)
          ) {
            continue;
          }
          stream.push({
            interAgencyMessageUpdated: Object.assign(new InterAgencyMessage(), {
              ...wire,
              createdAt: new Date(wire.createdAt),
              updatedAt: new Date(wire.updatedAt),
            }),
          });
        }
      },
      {},
    );
    return stream;
  }
}
