import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { WebhookEvent } from '../graphql/webhook-event.enum';
import { WebhookRepository } from '../repositories/webhook.repository';
import type { LiveWebhook } from '../repositories/webhook.repository';
import { SubscriptionTokens } from './subscription-tokens';

// A backstop: if the token could not be replaced after a change (Redis away at that moment),
// the remembered set is trusted no longer than this.
export const SUBSCRIPTIONS_MAX_AGE_MS = 60_000;

interface Snapshot {
  token: string;
  loadedAt: number;
  byOrganization: Map<string, LiveWebhook[]>;
}

/**
 * Which webhooks subscribe to an event, asked on every report status change: by the API for
 * QUEUED and twice per report by workers, for organizations that mostly have none. Each process
 * remembers every live webhook of the deployment (at most WEBHOOKS_MAX per organization, read in
 * one statement) together with the token from {@link SubscriptionTokens}; creating or deleting a
 * webhook replaces the token before it is answered. A look-up reads the token (one Redis round
 * trip, shared by the look-ups of the same tick, instead of a statement) and reloads from MySQL
 * when it differs, so a webhook created through any process is used by every process for every
 * change that starts after its creation was answered. Without Redis nothing is remembered: each
 * look-up reads the organization's webhooks from MySQL.
 */
@Injectable()
export class WebhookSubscriptions {
  private readonly logger = new Logger(WebhookSubscriptions.name);
  private snapshot: Snapshot | null = null;
  // The reload under way and the token it was started for: look-ups that read the same token
  // wait for it instead of reading the table again.
  private loading: { token: string; done: Promise<Snapshot> } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhookRepository,
    private readonly tokens: SubscriptionTokens,
  ) {}

  /** The ids of the organization's live webhooks subscribed to `event`, oldest first. */
  async subscribedIds(organizationId: string, event: WebhookEvent): Promise<string[]> {
    const webhooks = await this.live(organizationId);
    return webhooks.filter((w) => w.events.includes(event)).map((w) => w.id);
  }

  /** Call once a change of webhooks is committed, before answering it. */
  async changed(): Promise<void> {
    this.snapshot = null;
    try {
      await this.tokens.set(randomUUID(), false);
    } catch (error) {
      this.logger.error(
        { err: error },
        `webhook subscription token not replaced: other processes may use the former webhooks for up to ${SUBSCRIPTIONS_MAX_AGE_MS / 1000} s`,
      );
    }
  }

  private async live(organizationId: string): Promise<LiveWebhook[]> {
    // The token is read before the rows: a change committed after this read replaces the token,
    // so rows remembered under this one are never older than the change before it.
    const token = await this.currentToken();
    if (token === null) {
      return this.webhooks.findLiveByOrganization(this.dataSource.manager, organizationId);
    }
    const known = this.snapshot;
    const fresh =
      known?.token === token && Date.now() - known.loadedAt < SUBSCRIPTIONS_MAX_AGE_MS
        ? known
        : await this.reload(token);
    return fresh.byOrganization.get(organizationId) ?? [];
  }

  private reload(token: string): Promise<Snapshot> {
    if (this.loading?.token === token) {
      return this.loading.done;
    }
    const done = this.load(token);
    const loading = { token, done };
    this.loading = loading;
    const settle = () => {
      if (this.loading === loading) {
        this.loading = null;
      }
    };
    done.then(settle, settle);
    return done;
  }

  private async load(token: string): Promise<Snapshot> {
    const loadedAt = Date.now();
    const byOrganization = new Map<string, LiveWebhook[]>();
    for (const webhook of await this.webhooks.findAllLive(this.dataSource.manager)) {
      const list = byOrganization.get(webhook.organizationId);
      if (list) {
        list.push(webhook);
      } else {
        byOrganization.set(webhook.organizationId, [webhook]);
      }
    }
    const snapshot = { token, loadedAt, byOrganization };
    // A slower reload for an older token never replaces a newer one.
    if (!this.snapshot || this.snapshot.loadedAt <= loadedAt) {
      this.snapshot = snapshot;
    }
    return snapshot;
  }

  private async currentToken(): Promise<string | null> {
    try {
      const token = await this.tokens.get();
      if (token !== null) {
        return token;
      }
      // None yet, expired, or Redis was flushed: one process mints it, the others read it.
      const minted = randomUUID();
      return (await this.tokens.set(minted, true)) ? minted : await this.tokens.get();
    } catch {
      return null;
    }
  }
}
