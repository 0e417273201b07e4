import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal } from '../../../shared/auth';
import { CreateWebhookArgs } from '../graphql/create-webhook.args';
import { IdArgs } from '../graphql/id.args';
import { WebhookDeliveriesArgs } from '../graphql/webhook-deliveries.args';
import { WebhookDelivery } from '../graphql/webhook-delivery.type';
import { WebhookSecret } from '../graphql/webhook-secret.type';
import { Webhook } from '../graphql/webhook.type';
import { WebhookService } from './webhook.service';

@Resolver(() => Webhook)
export class WebhookResolver {
  constructor(private readonly webhookService: WebhookService) {}

  @Query(() => [Webhook], {
    description: 'The organization’s webhooks, oldest first (HEAD and ADMIN only).',
  })
  webhooks(@CurrentUser() principal: AuthPrincipal): Promise<Webhook[]> {
    return this.webhookService.list(principal);
  }

  @Query(() => [WebhookDelivery], {
    description:
      'The newest deliveries of one of the organization’s webhooks, newest first (NOT_FOUND for any other id).',
  })
  webhookDeliveries(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: WebhookDeliveriesArgs,
  ): Promise<WebhookDelivery[]> {
    return this.webhookService.listDeliveries(principal, args.webhookId, args.first);
  }

  @Mutation(() => WebhookSecret, {
    description:
      'Subscribes an https URL on a public address to events (HEAD and ADMIN only); its signing secret is shown this once. BAD_USER_INPUT (field `url`) for other URLs.',
  })
  createWebhook(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: CreateWebhookArgs,
  ): Promise<WebhookSecret> {
    return this.webhookService.create(principal, args.url, args.events);
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes one of the organization’s webhooks: nothing more is sent to it (NOT_FOUND for any other id).',
  })
  async deleteWebhook(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: IdArgs,
  ): Promise<boolean> {
    await this.webhookService.delete(principal, args.id);
    return true;
  }
}
