import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { AppException } from '../../../shared/errors';
import { accountOwnerId } from '../../identity';
import { missingFields, ProfileFactsReader } from '../../service-events';
import type { NotificationCategory, ProfileFacts } from '../../service-events';
import { CATEGORY_CATALOG, categoryDefinition } from '../categories/category-catalog';
import type { CategoryDefinition } from '../categories/category-catalog';
import { NotificationSubscriptionEntity } from '../entities/notification-subscription.entity';
import { Channel, normalizeChannels, parseChannels } from '../graphql/channel.enum';
import { SubscriptionOption } from '../graphql/subscription-option.type';
import { NotificationsException } from '../notifications.exception';
import {
  isOptOut,
  NotificationSubscriptionRepository,
  OPTED_OUT_CHANNELS,
} from '../notification-subscription.repository';

function toOption(
  definition: CategoryDefinition,
  facts: ProfileFacts,
  subscription: NotificationSubscriptionEntity | undefined,
): SubscriptionOption {
  return Object.assign(new SubscriptionOption(), {
    category: definition.category,
    area: definition.area,
    title: definition.title,
    requiredFields: [...definition.requiredFields],
    missingFields: missingFields(facts, definition.requiredFields),
    urgent: definition.urgent === true,
    ...subscriptionState(definition, subscription),
  });
}

// A row decides (a subscription, or an opt-out of a default-on category); without one, a
// default-on category is on with its default channels.
function subscriptionState(
  definition: CategoryDefinition,
  subscription: NotificationSubscriptionEntity | undefined,
): { subscribed: boolean; channels: Channel[] } {
  if (subscription) {
    return isOptOut(subscription)
      ? { subscribed: false, channels: [] }
      : { subscribed: true, channels: parseChannels(subscription.channels) };
  }
  return definition.defaultChannels
    ? { subscribed: true, channels: normalizeChannels(definition.defaultChannels) }
    : { subscribed: false, channels: [] };
}

/** `notificationSubscriptions`, `subscribe`, `unsubscribe`. */
@Injectable()
export class NotificationSubscriptionService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly subscriptions: NotificationSubscriptionRepository,
    private readonly facts: ProfileFactsReader,
  ) {}

  async list(principal: AuthPrincipal): Promise<SubscriptionOption[]> {
    const userId = accountOwnerId(principal);
    return this.tx.run(async (em) => {
      const facts = await this.factsOf(em, userId);
      const mine = new Map(
        (await this.subscriptions.findManyByUser(em, userId)).map((s) => [s.category, s]),
      );
      return CATEGORY_CATALOG.map((d) => toOption(d, facts, mine.get(d.category)));
    });
  }

  async subscribe(
    principal: AuthPrincipal,
    category: NotificationCategory,
    channels: Channel[] | null | undefined,
  ): Promise<SubscriptionOption> {
    const userId = accountOwnerId(principal);
    const definition = this.definitionOf(category);
    const chosen = normalizeChannels(channels);
    return this.tx.run(async (em) => {
      const facts = await this.factsOf(em, userId);
      const missing = missingFields(facts, [
        ...definition.requiredFields,
        ...(chosen.includes(Channel.EMAIL) ? (['email'] as const) : []),
      ]);
      if (missing.length > 0) {
        throw AppException.profileIncomplete(missing);
      }
      const now = new Date();
      const subscription = Object.assign(new NotificationSubscriptionEntity(), {
        userId,
        category,
        channels: chosen.join(','),
        createdAt: now,
        updatedAt: now,
      });
      await this.subscriptions.upsert(em, subscription);
      return toOption(definition, facts, subscription);
    });
  }

  async unsubscribe(
    principal: AuthPrincipal,
    category: NotificationCategory,
  ): Promise<SubscriptionOption> {
    const userId = accountOwnerId(principal);
    const definition = this.definitionOf(category);
    return this.tx.run(async (em) => {
      if (!definition.defaultChannels) {
        await this.subscriptions.delete(em, userId, category);
        return toOption(definition, await this.factsOf(em, userId), undefined);
      }
      // A default-on category stays off only if the refusal is stored.
      const now = new Date();
      const optOut = Object.assign(new NotificationSubscriptionEntity(), {
        userId,
        category,
        channels: OPTED_OUT_CHANNELS,
        createdAt: now,
        updatedAt: now,
      });
      await this.subscriptions.upsert(em, optOut);
      return toOption(definition, await this.factsOf(em, userId), optOut);
    });
  }

  private definitionOf(category: NotificationCategory): CategoryDefinition {
    const definition = categoryDefinition(category);
    if (!definition) {
      throw NotificationsException.notSubscribable();
    }
    return definition;
  }

  private async factsOf(em: EntityManager, userId: string): Promise<ProfileFacts> {
    const facts = await this.facts.forUser(em, userId);
    if (!facts) {
      throw AppException.unauthenticated();
    }
    return facts;
  }
}
