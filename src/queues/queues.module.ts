import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { databaseConfig, redisConfig } from '../config/configuration';
import { redisOptions } from '../config/redis-connection';
import { parseDatabaseUrl } from '../database/database-url';

/** Default options of every job: retried with exponential backoff, bounded history in Redis. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

/** Bull on REDIS_URL; queues are registered by the modules that own them. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [redisConfig.KEY, databaseConfig.KEY],
      useFactory: (
        config: ConfigType<typeof redisConfig>,
        db: ConfigType<typeof databaseConfig>,
      ) => ({
        redis: redisOptions(config),
        // Jobs point at rows of one database, so only processes of that database may take them:
        // a developer's app, a parallel test run or a second deployment on the same Redis would
        // otherwise consume each other's jobs.
        prefix: `bull:${parseDatabaseUrl(db.url).database}`,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
        settings: { stalledInterval: 15_000, maxStalledCount: 2 },
      }),
    }),
  ],
})
export class QueuesModule {}
