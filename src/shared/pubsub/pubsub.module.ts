import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { redisConfig } from '../../config/configuration';
import { connectRedis } from '../../config/redis-connection';
import { LiveAccessEvents } from './live-access.events';
import { PUB_SUB } from './pubsub.token';

export { PUB_SUB };

/**
 * Redis-backed PubSub for GraphQL subscriptions, so an event published by any instance (a worker
 * finishing a report, an API node ingesting events) reaches subscribers on every API node.
 */
@Global()
@Module({
  providers: [
    {
      provide: PUB_SUB,
      inject: [redisConfig.KEY],
      useFactory: (config: ConfigType<typeof redisConfig>) =>
        new RedisPubSub({
          publisher: connectRedis(config, { maxRetriesPerRequest: null, lazyConnect: false }),
          subscriber: connectRedis(config, { maxRetriesPerRequest: null, lazyConnect: false }),
        }),
    },
    LiveAccessEvents,
  ],
  exports: [PUB_SUB, LiveAccessEvents],
})
export class PubSubModule implements OnApplicationShutdown {
  constructor(@Inject(PUB_SUB) private readonly pubSub: RedisPubSub) {}

  // A factory provider gets no lifecycle hooks of its own: its two connections are closed here.
  async onApplicationShutdown(): Promise<void> {
    await this.pubSub.close();
  }
}
