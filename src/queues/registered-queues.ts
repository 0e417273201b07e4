import { getQueueToken } from '@nestjs/bull';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';
import { QueueName } from './queue-names';

/** The Bull queues registered in this process (a role may load only some modules). */
export function registeredQueues(moduleRef: ModuleRef): Queue[] {
  const queues: Queue[] = [];
  for (const name of Object.values(QueueName)) {
    try {
      queues.push(moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    } catch {
      // The queue's module is not part of this process.
    }
  }
  return queues;
}
