import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { QueueName } from '../queue-names';
import { PeriodicTaskRunner } from './periodic-task.runner';

/**
 * The runner of `@PeriodicTask` providers. Imported only by root modules of processes that run
 * jobs (the worker, and `all`); the tasks themselves are ordinary providers of their modules.
 */
@Module({
  imports: [DiscoveryModule, BullModule.registerQueue({ name: QueueName.Periodic })],
  providers: [PeriodicTaskRunner],
  exports: [PeriodicTaskRunner],
})
export class PeriodicTasksModule {}
