import { Global, Module } from '@nestjs/common';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { RedisClients } from '../redis/index';
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
      inject: [RedisClients],
      // Its two connections belong to RedisClients, which closes them with the application.
      useFactory: (redis: RedisClients) =>
        new RedisPubSub({ publisher: redis.get('publisher'), subscriber: redis.get('subscriber') }),
    },
    LiveAccessEvents,
  ],
  exports: [PUB_SUB, LiveAccessEvents],
})
export class PubSubModule {}
