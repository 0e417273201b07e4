import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal } from '../../../shared/auth';
import { SubscribeArgs, UnsubscribeArgs } from '../graphql/subscribe.args';
import { SubscriptionOption } from '../graphql/subscription-option.type';
import { NotificationSubscriptionService } from './notification-subscription.service';

@Resolver(() => SubscriptionOption)
export class NotificationSubscriptionResolver {
  constructor(private readonly subscriptions: NotificationSubscriptionService) {}

  @Query(() => [SubscriptionOption], {
    description:
      'Every notification category with its area, the profile fields it needs (and which I lack), and my choice.',
  })
  notificationSubscriptions(
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<SubscriptionOption[]> {
    return this.subscriptions.list(principal);
  }

  @Mutation(() => SubscriptionOption, {
    description:
      'Subscribes me to a category (IN_APP always included); PROFILE_INCOMPLETE lists the missing profile fields (`email` too when EMAIL is chosen without one).',
  })
  subscribe(
    @Args() args: SubscribeArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<SubscriptionOption> {
    return this.subscriptions.subscribe(principal, args.category, args.channels);
  }

  @Mutation(() => SubscriptionOption, { description: 'Unsubscribes me from a category.' })
  unsubscribe(
    @Args() args: UnsubscribeArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<SubscriptionOption> {
    return this.subscriptions.unsubscribe(principal, args.category);
  }
}
