import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppException } from '../../shared/errors/index';
import { CounterStore } from './counter-store';

/** A named allowance: at most `max` attempts per subject within `windowSeconds`. */
export interface AttemptLimit {
  /** Short bucket name, part of the Redis key (`rl:<name>:…`). */
  name: string;
  max: number;
  windowSeconds: number;
}

/** The verdict on one attempt. */
export interface AttemptOutcome {
  allowed: boolean;
  /** Attempts counted in the current window, this one included. */
  count: number;
  /** Seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

/**
 * Counts attempts of abuse-prone actions (password guesses, code checks, code requests, security
 * answers) in fixed windows shared through Redis. Services call it once per attempt, so GraphQL
 * aliases or batches cannot multiply guesses the way per-HTTP-request throttling would allow.
 *
 * Subjects (a phone, an e-mail, an IP) are hashed into the key, so no personal data sits in Redis.
 */
@Injectable()
export class AttemptLimiter {
  constructor(private readonly store: CounterStore) {}

  /** Counts one attempt and tells whether it is within the limit. */
  async hit(limit: AttemptLimit, subject: string): Promise<AttemptOutcome> {
    const { count, resetInMs } = await this.store.increment(
      AttemptLimiter.key(limit, subject),
      limit.windowSeconds * 1000,
    );
    return {
      allowed: count <= limit.max,
      count,
      retryAfterSeconds: Math.max(1, Math.ceil(resetInMs / 1000)),
    };
  }

  /** Counts one attempt; throws RATE_LIMITED (with `retryAfterSeconds`) when it exceeds the limit. */
  async consume(limit: AttemptLimit, subject: string): Promise<void> {
    const outcome = await this.hit(limit, subject);
    if (!outcome.allowed) {
      throw AppException.rateLimited(outcome.retryAfterSeconds);
    }
  }

  /** Starts the subject's count afresh (e.g. failures after a successful sign-in). */
  async reset(limit: AttemptLimit, subject: string): Promise<void> {
    await this.store.reset(AttemptLimiter.key(limit, subject));
  }

  /** The counter key of a subject: `rl:<limit>:<digest of the subject>`. */
  static key(limit: AttemptLimit, subject: string): string {
    const digest = createHash('sha256').update(subject).digest('base64url').slice(0, 32);
    return `rl:${limit.name}:${digest}`;
  }
}
