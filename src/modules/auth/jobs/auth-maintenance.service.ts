import { Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { OneTimeCodeRepository } from '../repositories/one-time-code.repository';
import { PendingRegistrationRepository } from '../repositories/pending-registration.repository';
import { SessionRepository } from '../repositories/session.repository';

// Ended sessions are kept a day (support can tell "you were signed out because…"), then go:
// they hold the IP and user agent.
const ENDED_SESSION_RETENTION_MS = 24 * 3600 * 1000;

/** Deletes what sign-in leaves behind: expired registrations (personal data), codes, sessions. */
@Injectable()
export class AuthMaintenanceService {
  private readonly logger = new Logger(AuthMaintenanceService.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly registrations: PendingRegistrationRepository,
    private readonly codes: OneTimeCodeRepository,
    private readonly sessions: SessionRepository,
  ) {}

  async purgeExpired(now = new Date()): Promise<void> {
    const counts = await this.tx.run(async (em) => ({
      registrations: await this.registrations.deleteExpired(em, now),
      codes: await this.codes.deleteExpired(em, now),
      sessions: await this.sessions.deleteEnded(
        em,
        now,
        new Date(now.getTime() - ENDED_SESSION_RETENTION_MS),
      ),
    }));
    this.logger.log(`purged ${JSON.stringify(counts)}`);
  }
}
