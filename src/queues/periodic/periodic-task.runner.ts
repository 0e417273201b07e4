import { InjectQueue } from '@nestjs/bull';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { Job, Queue } from 'bull';
import { appConfig } from '../../config/configuration';
import { QueueName } from '../queue-names';
import { PERIODIC_TASK, PeriodicTaskOptions, PeriodicWork } from './periodic-task';

/** A discovered periodic task: its name, its period and the provider that does the work. */
export interface ScheduledTask {
  name: string;
  everyMs: number;
  work: PeriodicWork;
}

// A run is a nudge, not a unit of work to retry: the next period runs it again anyway.
const RUN_JOB_OPTIONS = { attempts: 1, removeOnComplete: true, removeOnFail: { count: 50 } };

/**
 * Runs the providers decorated with `@PeriodicTask` as Bull repeatable jobs on the `periodic`
 * queue. Every worker adds the same repeatable job (same name and period, so Bull keeps one) and
 * each period's job has one id, so exactly one worker runs a task per period however many
 * workers there are. Registered only in processes that run jobs (worker roles). Scheduling is
 * skipped when `periodicTasksSchedule` is off (NODE_ENV=test by default): tests call a task's
 * `run(now)` with their own clock, or {@link schedule} to exercise the runner itself.
 */
@Injectable()
export class PeriodicTaskRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PeriodicTaskRunner.name);
  private readonly tasks = new Map<string, ScheduledTask>();
  private closing = false;
  private processing = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @InjectQueue(QueueName.Periodic) private readonly queue: Queue,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.discover();
    if (this.tasks.size > 0 && this.app.periodicTasksSchedule) {
      await this.schedule();
    }
  }

  onApplicationShutdown(): void {
    this.closing = true;
  }

  /** The tasks this process knows, by name. */
  list(): ScheduledTask[] {
    return [...this.tasks.values()];
  }

  /**
   * Takes this process's share of the periodic jobs, adds each task's repeatable job (idempotent
   * across workers) and removes repeatable jobs of known tasks whose period has changed since
   * they were added. A process that never schedules never runs a periodic job either, so a test
   * app is not driven by repeatable jobs another process left in Redis. `names` limits it to
   * those tasks (tests).
   */
  async schedule(names?: string[]): Promise<void> {
    const chosen = this.list().filter((task) => names === undefined || names.includes(task.name));
    const unknown = (names ?? []).filter((name) => !this.tasks.has(name));
    if (unknown.length > 0) {
      throw new Error(`unknown periodic tasks: ${unknown.join(', ')}`);
    }
    if (!this.processing) {
      this.processing = true;
      // One slot per task, so a slow pass of one task does not hold back the others.
      void this.queue.process('*', Math.max(1, this.tasks.size), (job: Job) => this.runJob(job));
    }
    const existing = await this.queue.getRepeatableJobs();
    for (const job of existing) {
      const task = this.tasks.get(job.name);
      if (task !== undefined && Number(job.every) !== task.everyMs) {
        await this.queue.removeRepeatableByKey(job.key);
      }
    }
    for (const task of chosen) {
      await this.queue.add(task.name, {}, { ...RUN_JOB_OPTIONS, repeat: { every: task.everyMs } });
    }
    this.logger.log({ tasks: chosen.map((t) => `${t.name}/${t.everyMs}ms`) }, 'scheduled');
  }

  /** Removes every repeatable job of the known tasks (tests, or a deployment turning them off). */
  async unschedule(): Promise<void> {
    for (const job of await this.queue.getRepeatableJobs()) {
      if (this.tasks.has(job.name)) {
        await this.queue.removeRepeatableByKey(job.key);
      }
    }
  }

  private discover(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      const metatype = wrapper.metatype;
      if (!instance || !metatype || !wrapper.isDependencyTreeStatic()) {
        continue;
      }
      const options = this.reflector.get<PeriodicTaskOptions | undefined>(PERIODIC_TASK, metatype);
      if (options === undefined) {
        continue;
      }
      const work = instance as PeriodicWork;
      if (typeof work.run !== 'function') {
        throw new Error(`@PeriodicTask ${options.name}: ${metatype.name} has no run(now)`);
      }
      if (this.tasks.has(options.name)) {
        throw new Error(`@PeriodicTask name ${options.name} is used twice`);
      }
      const everyMs = work.periodMs?.() ?? options.everyMs;
      if (!Number.isInteger(everyMs) || everyMs <= 0) {
        throw new Error(`@PeriodicTask ${options.name}: everyMs must be a positive integer`);
      }
      this.tasks.set(options.name, { name: options.name, everyMs, work });
    }
  }

  private async runJob(job: Job): Promise<void> {
    const task = this.tasks.get(job.name);
    if (task === undefined) {
      // A task removed from the code (or not loaded by this version): its repeatable job stays
      // until a process that knows the name reschedules, so it is dropped here.
      this.logger.warn({ task: job.name }, 'periodic task unknown to this process');
      return;
    }
    if (this.closing) {
      return;
    }
    const started = Date.now();
    try {
      await task.work.run(new Date(started));
    } catch (error) {
      this.logger.error({ err: error, task: task.name }, 'periodic task failed');
      throw error;
    }
    this.logger.debug({ task: task.name, ms: Date.now() - started }, 'periodic task done');
  }
}
