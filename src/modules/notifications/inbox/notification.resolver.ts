import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import type { PubSubEngine } from 'graphql-subscriptions';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal, GraphQLContext } from '../../../shared/auth';
import { PUB_SUB } from '../../../core/pubsub/pubsub.module';
import { accountOwnerId } from '../../identity';
import { notificationChannel, retractionChannel } from '../delivery/notification-delivery.service';
import type {
  NotificationMessage,
  RetractionMessage,
} from '../delivery/notification-delivery.service';
import { MarkNotificationsReadArgs } from '../graphql/mark-notifications-read.args';
import { NotificationConnection } from '../graphql/notification.connection';
import { Notification } from '../graphql/notification.type';
import { NotificationsArgs } from '../graphql/notifications.args';
import { NotificationInboxService } from './notification-inbox.service';

// Through Redis the notification arrives as JSON: dates come back as strings.
function revive(message: NotificationMessage): Notification {
  const n = message.notificationReceived;
  return Object.assign(new Notification(), n, {
    createdAt: new Date(n.createdAt),
    readAt: n.readAt ? new Date(n.readAt) : null,
  });
}

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(
    private readonly inbox: NotificationInboxService,
    @Inject(PUB_SUB) private readonly pubSub: PubSubEngine,
  ) {}

  @Query(() => NotificationConnection, { description: 'My notifications, newest first.' })
  notifications(
    @Args() args: NotificationsArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<NotificationConnection> {
    return this.inbox.page(principal, args);
  }

  @Query(() => Int, { description: 'How many of my notifications are unread.' })
  unreadNotificationCount(@CurrentUser() principal: AuthPrincipal): Promise<number> {
    return this.inbox.unreadCount(principal);
  }

  @Mutation(() => Int, {
    description: 'Marks my notifications read (the given ids, or all); returns how many changed.',
  })
  markNotificationsRead(
    @Args() args: MarkNotificationsReadArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<number> {
    return this.inbox.markRead(principal, args.ids);
  }

  @Subscription(() => Notification, {
    description: 'Each new notification of mine, as it arrives.',
    filter: (payload: NotificationMessage, _args: unknown, ctx: GraphQLContext) =>
      payload.userId === (ctx.req?.user?.userId ?? ctx.principal?.userId),
    resolve: revive,
  })
  notificationReceived(@CurrentUser() principal: AuthPrincipal): AsyncIterator<unknown> {
    return this.pubSub.asyncIterableIterator(notificationChannel(accountOwnerId(principal)));
  }

  @Subscription(() => ID, {
    description:
      'The id of each notification of mine taken back by its sender (the event was re-addressed to someone else): drop it from the screen.',
    filter: (payload: RetractionMessage, _args: unknown, ctx: GraphQLContext) =>
      payload.userId === (ctx.req?.user?.userId ?? ctx.principal?.userId),
    resolve: (payload: RetractionMessage) => payload.notificationRetracted,
  })
  notificationRetracted(@CurrentUser() principal: AuthPrincipal): AsyncIterator<unknown> {
    return this.pubSub.asyncIterableIterator(retractionChannel(accountOwnerId(principal)));
  }
}
