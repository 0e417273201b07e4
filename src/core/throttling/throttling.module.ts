import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { limitsConfig } from '../../config/configuration';
import { requestOf } from '../../shared/auth/index';
import type { AuthPrincipal } from '../../shared/auth/index';
import { RedisRateLimiter } from '../rate-limit/redis-rate-limiter';
import { RedisClients } from '../redis/index';

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
      inject: [limitsConfig.KEY, RedisClients],
      useFactory: (limits: ConfigType<typeof limitsConfig>, redis: RedisClients) => ({
        // The `limits` connection is auto-pipelined: the guard asks all three counters in the
        // same tick, so they share one write and one reply read.
        storage: new RedisRateLimiter(redis.get('limits')),
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
export class ThrottlingModule {}
