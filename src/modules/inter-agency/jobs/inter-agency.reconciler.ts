import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
export class InterAgencyReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InterAgencyReconciler.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly systems: InformationSystemRepository,
    private readonly requests: AccessRequestRepository,
    private readonly queue: InterAgencyQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.reconcile(INTERVAL_MS).catch((error: unknown) =>
        this.logger.error({ err: error }, 'inter-agency reconciliation failed'),
      );
    }, INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) {
      clearInterval(this.timer);
    }
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
