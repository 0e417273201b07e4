import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { WebhookEvent } from '../graphql/webhook-event.enum';
import type { LiveWebhook, WebhookRepository } from '../repositories/webhook.repository';
import { SubscriptionTokens } from './subscription-tokens';
import { SUBSCRIPTIONS_MAX_AGE_MS, WebhookSubscriptions } from './webhook-subscriptions';

const STATUS = WebhookEvent.REMOTE_WORK_REPORT_STATUS_CHANGED;

/** The Redis of every process: one value shared by the instances of a test. */
class SharedToken extends SubscriptionTokens {
  value: string | null = null;
  down = false;

  get(): Promise<string | null> {
    return this.down
      ? Promise.reject(new Error('Connection is closed.'))
      : Promise.resolve(this.value);
  }

  set(token: string, onlyIfAbsent: boolean): Promise<boolean> {
    if (this.down) {
      return Promise.reject(new Error('Connection is closed.'));
    }
    if (onlyIfAbsent && this.value !== null) {
      return Promise.resolve(false);
    }
    this.value = token;
    return Promise.resolve(true);
  }
}

function hook(id: string, organizationId = 'org', events = [STATUS]): LiveWebhook {
  return { id, organizationId, events };
}

describe('WebhookSubscriptions', () => {
  const dataSource = { manager: {} } as DataSource;
  let table: LiveWebhook[];
  let findAllLive: jest.Mock;
  let findLiveByOrganization: jest.Mock;
  let token: SharedToken;

  // One "process": its own memory, the shared token and table.
  function process(): WebhookSubscriptions {
    return new WebhookSubscriptions(
      dataSource,
      { findAllLive, findLiveByOrganization } as unknown as WebhookRepository,
      token,
    );
  }

  beforeEach(() => {
    table = [hook('w1')];
    findAllLive = jest.fn(() => Promise.resolve([...table]));
    findLiveByOrganization = jest.fn((_em: unknown, organizationId: string) =>
      Promise.resolve(table.filter((w) => w.organizationId === organizationId)),
    );
    token = new SharedToken();
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('should read the table once while the token stays the same, for every organization', async () => {
    const api = process();

    expect(await api.subscribedIds('org', STATUS)).toEqual(['w1']);
    expect(await api.subscribedIds('org', STATUS)).toEqual(['w1']);
    expect(await api.subscribedIds('other', STATUS)).toEqual([]);
    expect(findAllLive).toHaveBeenCalledTimes(1);
    expect(token.value).toEqual(expect.any(String));
  });

  it('should read the table once for a burst of look-ups after the token changed', async () => {
    const api = process();
    await api.subscribedIds('org', STATUS);
    token.value = 'changed elsewhere';

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.subscribedIds(i % 2 ? 'org' : 'other', STATUS)),
    );

    expect(answers.filter((ids) => ids.length === 1)).toHaveLength(10);
    expect(findAllLive).toHaveBeenCalledTimes(2);
  });

  it('should use a webhook created through another process for the next change', async () => {
    const api = process();
    const worker = process();
    await worker.subscribedIds('org', STATUS);

    table.push(hook('w2'));
    await api.changed();

    expect(await worker.subscribedIds('org', STATUS)).toEqual(['w1', 'w2']);
  });

  it('should stop using a webhook deleted through another process', async () => {
    const api = process();
    const worker = process();
    await worker.subscribedIds('org', STATUS);

    table = [];
    await api.changed();

    expect(await worker.subscribedIds('org', STATUS)).toEqual([]);
  });

  it('should read again once the token is gone (expired, or Redis flushed)', async () => {
    const worker = process();
    await worker.subscribedIds('org', STATUS);

    token.value = null;
    table = [hook('w3')];

    expect(await worker.subscribedIds('org', STATUS)).toEqual(['w3']);
    expect(findAllLive).toHaveBeenCalledTimes(2);
  });

  it('should let one process mint the missing token and the others read it', async () => {
    const first = process();
    const second = process();

    await Promise.all([first.subscribedIds('org', STATUS), second.subscribedIds('org', STATUS)]);
    const minted = token.value;
    await first.subscribedIds('org', STATUS);
    await second.subscribedIds('org', STATUS);

    expect(token.value).toBe(minted);
    expect(findAllLive).toHaveBeenCalledTimes(2);
  });

  it('should read the organization from the database on every look-up while Redis is away', async () => {
    const worker = process();
    token.down = true;

    expect(await worker.subscribedIds('org', STATUS)).toEqual(['w1']);
    table = [];
    expect(await worker.subscribedIds('org', STATUS)).toEqual([]);
    expect(findLiveByOrganization).toHaveBeenCalledTimes(2);
    expect(findAllLive).not.toHaveBeenCalled();

    token.down = false;
    table = [hook('w4')];
    expect(await worker.subscribedIds('org', STATUS)).toEqual(['w4']);
  });

  it('should not trust what it remembers past the maximum age, whatever the token', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    const worker = process();
    await worker.subscribedIds('org', STATUS);
    table = [];

    jest.advanceTimersByTime(SUBSCRIPTIONS_MAX_AGE_MS - 1_000);
    expect(await worker.subscribedIds('org', STATUS)).toEqual(['w1']);
    jest.advanceTimersByTime(2_000);
    expect(await worker.subscribedIds('org', STATUS)).toEqual([]);
  });

  it('should still answer the change when the token cannot be replaced', async () => {
    const api = process();
    token.down = true;

    await expect(api.changed()).resolves.toBeUndefined();
    expect(Logger.prototype.error).toHaveBeenCalledTimes(1);
  });

  it('should return only the webhooks subscribed to the event, oldest first', async () => {
    table = [hook('w1'), hook('w2', 'org', []), hook('w3'), hook('w5', 'other')];

    expect(await process().subscribedIds('org', STATUS)).toEqual(['w1', 'w3']);
  });
});
