import { Controller, Get } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { Public } from '../../shared/auth/index';
import { RedisClients } from '../redis/index';

/** Liveness plus MySQL and Redis readiness, for load balancers and orchestrators. */
@ApiTags('operations')
@Controller('health')
@SkipThrottle()
export class HealthController {
  // One connection for every probe: a load balancer asks every few seconds, and a connection
  // per probe would cost a handshake each time and churn the Redis client list.
  private readonly client: Redis;

  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    redis: RedisClients,
  ) {
    this.client = redis.get('health');
  }

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Liveness and readiness (MySQL, Redis)',
    description: '200 when MySQL and Redis answer, 503 with the failing part otherwise.',
  })
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.db.pingCheck('mysql', { timeout: 3000 }),
      () => this.pingRedis(),
    ]);
  }

  private async pingRedis() {
    const indicator = this.indicators.check('redis');
    try {
      // While Redis is down the command waits in the client's queue: answer "down" after 3 s.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.client.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('Redis did not answer within 3 s')), 3000);
        }),
      ]).finally(() => clearTimeout(timer));
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
