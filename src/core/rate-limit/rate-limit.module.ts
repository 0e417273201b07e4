import { Module } from '@nestjs/common';
import { RedisClients } from '../redis/index';
import { AttemptLimiter } from './attempt-limiter.service';
import { CounterStore } from './counter-store';
import { RedisRateLimiter } from './redis-rate-limiter';

/** Attempt counting for abuse-prone actions, in Redis; import it where attempts are counted. */
@Module({
  providers: [
    {
      provide: CounterStore,
      inject: [RedisClients],
      useFactory: (redis: RedisClients) => new RedisRateLimiter(redis.get('limits')),
    },
    AttemptLimiter,
  ],
  exports: [AttemptLimiter],
})
export class RateLimitModule {}
