import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { RequestHandler } from 'express';
import { registeredQueues } from '../../queues/registered-queues';
import { QueueDashboardAccessMiddleware } from './queue-dashboard.middleware';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** Bull Board over every queue of this process, behind the PLATFORM_ADMIN check. */
@Injectable()
export class QueueDashboard {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly access: QueueDashboardAccessMiddleware,
  ) {}

  /** Handlers to mount at {@link QUEUE_DASHBOARD_PATH}: the access check, then the board. */
  handlers(): RequestHandler[] {
    const adapter = new ExpressAdapter();
    adapter.setBasePath(QUEUE_DASHBOARD_PATH);
    const queues = registeredQueues(this.moduleRef).map((queue) => new BullAdapter(queue));
    // @bull-board/express 9.10.1 declares its adapter against api 9.10.1; the shapes are the same.
    createBullBoard({
      queues,
      serverAdapter: adapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    });
    return [
      // The check answers its own failures; `next` is the last resort, never an unhandled rejection.
      (req, res, next) => {
        this.access.use(req, res, next).catch(next);
      },
      adapter.getRouter() as RequestHandler,
    ];
  }
}
