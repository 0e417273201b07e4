import { Module } from '@nestjs/common';
import { AttemptLimiter } from './attempt-limiter.service';
import { CounterStore } from './counter-store';
import { RedisCounterStore } from './redis-counter.store';

/** Attempt counting for abuse-prone actions, in Redis; import it where attempts are counted. */
@Module({
  providers: [{ provide: CounterStore, useClass: RedisCounterStore }, AttemptLimiter],
  exports: [AttemptLimiter],
})
export class RateLimitModule {}
