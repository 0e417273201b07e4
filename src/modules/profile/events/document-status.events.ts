import { Inject, Injectable, Logger } from '@nestjs/common';
import type { PubSubEngine } from 'graphql-subscriptions';
import { DataSource } from 'typeorm';
import { PUB_SUB } from '../../../core/pubsub/pubsub.module';
import { toUser, User } from '../../auth';
import { UserRepository } from '../../identity';
import type { DocumentKind, VerificationStatus } from '../profile.enums';

/** A status change of a person's document, for in-process listeners. */
export interface DocumentStatusChange {
  userId: string;
  documentId: string;
  kind: DocumentKind;
  status: VerificationStatus;
  rejectionReason: string | null;
}

export type DocumentStatusListener = (change: DocumentStatusChange) => void | Promise<void>;

/** What goes through Redis to subscribers. */
export interface DocumentStatusMessage {
  documentStatusChanged: User;
}

/** The pub/sub channel of one person: Redis routes events to that person's subscriptions only. */
export function documentStatusChannel(userId: string): string {
  return `document-status:${userId}`;
}

/**
 * Announces document status changes after they are committed: `documentStatusChanged` through
 * the Redis pub/sub (a worker's change reaches every API node) and in-process listeners — the
 * hook for the notifications module (in-app, SMS, e-mail notices come with that issue). A
 * failure here is logged and never undoes the change.
 */
@Injectable()
export class DocumentStatusEvents {
  private readonly logger = new Logger(DocumentStatusEvents.name);
  private readonly listeners = new Set<DocumentStatusListener>();

  constructor(
    @Inject(PUB_SUB) private readonly pubSub: PubSubEngine,
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
  ) {}

  /** Calls `listener` after every status change made by this process; returns the unregister. */
  onStatusChanged(listener: DocumentStatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async statusChanged(change: DocumentStatusChange): Promise<void> {
    try {
      const user = await this.users.findById(this.dataSource.manager, change.userId);
      if (user) {
        const message: DocumentStatusMessage = { documentStatusChanged: toUser(user) };
        await this.pubSub.publish(documentStatusChannel(change.userId), message);
      }
    } catch (error) {
      this.logger.error({ err: error, documentId: change.documentId }, 'status not published');
    }
    for (const listener of this.listeners) {
      try {
        await listener(change);
      } catch (error) {
        this.logger.error({ err: error, documentId: change.documentId }, 'status listener failed');
      }
    }
  }
}
