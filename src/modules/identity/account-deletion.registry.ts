import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What another module does when an account is deleted. */
export interface AccountDeletionParticipant {
  /**
   * Refuses the deletion by throwing (e.g. CONFLICT for the sole head of an organization).
   * Runs before anything is deleted.
   */
  assertDeletable?(em: EntityManager, userId: string): Promise<void>;
  /** Deletes the module's data of the account, inside the deletion's transaction. */
  purge(em: EntityManager, userId: string): Promise<void>;
}

/**
 * Modules holding data of an account (profile, widgets, subscriptions, memberships…) register
 * here in `onModuleInit`; `deleteAccount` runs them all in its one transaction, before the
 * account row itself goes.
 */
@Injectable()
export class AccountDeletionRegistry {
  private readonly participants: AccountDeletionParticipant[] = [];

  register(participant: AccountDeletionParticipant): void {
    this.participants.push(participant);
  }

  async assertDeletable(em: EntityManager, userId: string): Promise<void> {
    for (const participant of this.participants) {
      await participant.assertDeletable?.(em, userId);
    }
  }

  /** Purges in reverse order of registration (dependants registered later go first). */
  async purge(em: EntityManager, userId: string): Promise<void> {
    for (const participant of [...this.participants].reverse()) {
      await participant.purge(em, userId);
    }
  }
}
