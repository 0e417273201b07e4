import { randomBytes } from 'node:crypto';
import Bull from 'bull';
import Redis from 'ioredis';
import { idsWithoutLiveJob, isLiveJob } from '../../../src/queues/live-jobs';

// Bull against the run's real Redis, on a queue of its own: which jobs count as live, and that
// asking costs no scan of the queue's lists (Job#getState() walks the whole wait list in Lua).
// Job ids here are not Bull's own key names ('completed', 'wait'…): a job hash would take the
// list's key.

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function commandCalls(redis: Redis, command: string): Promise<number> {
  const stats = await redis.info('commandstats');
  const line = stats.split('\r\n').find((l) => l.startsWith(`cmdstat_${command}:`));
  return line ? Number(/calls=(\d+)/.exec(line)![1]) : 0;
}

describe('live Bull jobs', () => {
  const prefix = `bull:live-jobs-test-${randomBytes(4).toString('hex')}`;
  let queue: Bull.Queue;
  let redis: Redis;

  beforeAll(() => {
    queue = new Bull('live-jobs', REDIS_URL, { prefix });
    redis = new Redis(REDIS_URL);
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await redis.quit();
  });

  it('should count waiting, delayed and retrying jobs as live and finished or missing ones as not', async () => {
    await queue.add({ n: 1 }, { jobId: 'job-completed' });
    await queue.add({ n: 2 }, { jobId: 'job-failed', attempts: 1 });
    await queue.add({ n: 3 }, { jobId: 'job-retrying', attempts: 3, backoff: 60_000 });
    const finished = new Promise<void>((resolve) => {
      let seen = 0;
      const done = () => (++seen === 3 ? resolve() : undefined);
      queue.on('completed', done);
      queue.on('failed', done);
    });
    void queue.process((job) =>
      job.id === 'job-completed' ? Promise.resolve('ok') : Promise.reject(new Error('no')),
    );
    await finished;
    await queue.pause(true);
    await queue.add({ n: 4 }, { jobId: 'job-waiting' });
    await queue.add({ n: 5 }, { jobId: 'job-delayed', delay: 60_000 });

    expect(await (await queue.getJob('job-retrying'))!.getState()).toBe('delayed');
    const states: Record<string, boolean> = {};
    for (const id of ['completed', 'failed', 'retrying', 'waiting', 'delayed']) {
      states[id] = isLiveJob((await queue.getJob(`job-${id}`))!);
    }
    expect(states).toEqual({
      completed: false,
      failed: false,
      retrying: true,
      waiting: true,
      delayed: true,
    });
    expect(
      await idsWithoutLiveJob(queue, [
        'job-completed',
        'job-failed',
        'job-retrying',
        'job-waiting',
        'job-delayed',
        'job-missing',
      ]),
    ).toEqual(['job-completed', 'job-failed', 'job-missing']);
  });

  it('should answer for a big backlog without scanning the wait list', async () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `backlog-${i}`);
    for (let i = 0; i < ids.length; i += 1000) {
      await queue.addBulk(ids.slice(i, i + 1000).map((jobId) => ({ data: {}, opts: { jobId } })));
    }
    const asked = [...ids.slice(-500), 'gone-1', 'gone-2'];
    const before = await Promise.all([
      commandCalls(redis, 'lrange'),
      commandCalls(redis, 'evalsha'),
    ]);
    expect(await idsWithoutLiveJob(queue, asked)).toEqual(['gone-1', 'gone-2']);
    const after = await Promise.all([
      commandCalls(redis, 'lrange'),
      commandCalls(redis, 'evalsha'),
    ]);
    expect(after).toEqual(before);
  });
});
