import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { getStorageToken, ThrottlerModule } from '@nestjs/throttler';
import { limitsConfig, redisConfig } from '../../config/configuration';
import { connectRedis } from '../../config/redis-connection';
import { requestOf } from '../auth';
import type { AuthPrincipal } from '../auth';
import { RedisThrottlerStorage } from './redis-throttler.storage';

type TrackedRequest = { user?: AuthPrincipal | null; ip?: string };

const MINUTE = 60_000;

function callerOf(req: TrackedRequest): string {
  const p = req.user;
  if (p?.kind === 'client') {
    return `client:${p.subject}`;
  }
  return p?.userId ? `user:${p.userId}` : `ip:${req.ip ?? 'unknown'}`;
}

/**
 * Operation rate limits shared through Redis: per caller (user, API client, or IP when anonymous),
 * per IP, and per organization. Sign-in attempts have their own stricter counters in the auth
 * module, which count attempts rather than requests.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [limitsConfig.KEY, redisConfig.KEY],
      useFactory: (
        limits: ConfigType<typeof limitsConfig>,
        redis: ConfigType<typeof redisConfig>,
      ) => ({
        // Auto-pipelined: the guard asks all three counters in the same tick, so they share one
        // write and one reply read.
        storage: new RedisThrottlerStorage(
          connectRedis(redis, {
            maxRetriesPerRequest: 2,
            keyPrefix: redis.keyPrefix,
            enableAutoPipelining: true,
          }),
        ),
        throttlers: [
          {
            name: 'caller',
            ttl: MINUTE,
            limit: limits.perMinute,
            getTracker: (req: Record<string, unknown>) => callerOf(req),
          },
          {
            name: 'ip',
            ttl: MINUTE,
            limit: limits.perMinute * 5,
            getTracker: (req: Record<string, unknown>) =>
              String((req as TrackedRequest).ip ?? 'unknown'),
          },
          {
            name: 'organization',
            ttl: MINUTE,
            limit: limits.perMinute * 10,
            skipIf: (context) => !requestOf(context).user?.organizationId,
            getTracker: (req: Record<string, unknown>) =>
              `org:${(req as TrackedRequest).user?.organizationId}`,
          },
        ],
      }),
    }),
  ],
})
export class ThrottlingModule implements OnApplicationShutdown {
  constructor(@Inject(getStorageToken()) private readonly storage: RedisThrottlerStorage) {}

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}
