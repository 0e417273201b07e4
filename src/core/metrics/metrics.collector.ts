import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job, Queue } from 'bull';
import { DataSource } from 'typeorm';
import { registeredQueues } from '../../queues/registered-queues';
import { dbPoolConnections, jobDuration, queueJobs } from './metrics';

interface Mysql2Pool {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

/** Gathers gauges that are read at scrape time (queue depths, DB pool) and job timings. */
@Injectable()
export class MetricsCollector implements OnModuleInit {
  private readonly queues: Queue[] = [];

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.queues.push(...registeredQueues(this.moduleRef));
    for (const queue of this.queues) {
      const observe = (outcome: string) => (job: Job) => {
        if (job.processedOn && job.finishedOn) {
          jobDuration.observe(
            { queue: queue.name, outcome },
            (job.finishedOn - job.processedOn) / 1000,
          );
        }
      };
      queue.on('completed', observe('completed'));
      queue.on('failed', observe('failed'));
    }
  }

  async collect(): Promise<void> {
    await Promise.all(
      this.queues.map(async (queue) => {
        const counts = await queue.getJobCounts();
        for (const [state, value] of Object.entries(counts) as [string, number][]) {
          queueJobs.set({ queue: queue.name, state }, value);
        }
      }),
    );
    const pool = (this.dataSource.driver as unknown as { pool?: Mysql2Pool }).pool;
    if (pool) {
      dbPoolConnections.set({ state: 'all' }, pool._allConnections?.length ?? 0);
      dbPoolConnections.set({ state: 'free' }, pool._freeConnections?.length ?? 0);
      dbPoolConnections.set({ state: 'queued' }, pool._connectionQueue?.length ?? 0);
    }
  }
}
