import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicTask, PeriodicWork } from '../../../queues/periodic/periodic-task';
import { Environment } from '../inter-agency.enums';
import { AccessRequestRepository } from '../repositories/access-request.repository';
import { InformationSystemRepository } from '../repositories/information-system.repository';
import { InterAgencyQueue } from './inter-agency.queue';

const INTERVAL_MS = 60_000;
const PAGE = 500;

/**
 * MySQL is the source of truth; Redis only carries the checks. Every minute a worker queues again
 * the TEST registrations and requests still PENDING after a minute (an enqueue that failed after
 * the commit, Redis flushed). Job ids dedupe, so reconciling workers never double a check.
 */
@Injectable()
@PeriodicTask({ name: 'inter-agency-reconcile', everyMs: INTERVAL_MS })
export class InterAgencyReconciler implements PeriodicWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly systems: InformationSystemRepository,
    private readonly requests: AccessRequestRepository,
    private readonly queue: InterAgencyQueue,
  ) {}

  run(): Promise<number> {
    return this.reconcile(INTERVAL_MS);
  }

  /** Queues the checks of TEST items pending longer than `minAgeMs`; answers how many. */
  async reconcile(minAgeMs: number): Promise<number> {
    const olderThan = new Date(Date.now() - minAgeMs);
    const em = this.dataSource.manager;
    const systems = await this.systems.findManyPending(em, Environment.TEST, PAGE, olderThan);
    for (const system of systems) {
      await this.queue.checkSystem(system.id);
    }
    const requestIds = await this.requests.findPendingTestIds(em, olderThan, PAGE);
    for (const id of requestIds) {
      await this.queue.checkAccessRequest(id);
    }
    return systems.length + requestIds.length;
  }
}
