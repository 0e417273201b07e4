import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { ChildRepository, IdentityDirectory, LinkVerification } from '../../identity';
import { DocumentStatusEvents } from '../events/document-status.events';
import { VerificationStatus } from '../profile.enums';
import type { LinkKind } from '../registry/person-registry.port';
import { UserProfileRepository } from '../repositories/user-profile.repository';
import { LinkCheckQueue } from './link-check.queue';
import { LinkDeadlines } from './link-deadlines';
import { LinkRequestBuilder } from './link-request.builder';

/**
 * The OMS policy and the children wait for the person's verified SNILS (or passport): when a
 * document becomes VERIFIED, the links that waited only for it are sent to their registries.
 */
@Injectable()
export class LinkReconsideration implements OnModuleInit {
  private readonly logger = new Logger(LinkReconsideration.name);

  constructor(
    private readonly events: DocumentStatusEvents,
    private readonly tx: TransactionRunner,
    private readonly identity: IdentityDirectory,
    private readonly profiles: UserProfileRepository,
    private readonly children: ChildRepository,
    private readonly requests: LinkRequestBuilder,
    private readonly checks: LinkCheckQueue,
    private readonly deadlines: LinkDeadlines,
  ) {}

  onModuleInit(): void {
    this.events.onStatusChanged(async (change) => {
      if (change.status === VerificationStatus.VERIFIED) {
        await this.reconsider(change.userId);
      }
    });
  }

  /** Moves the account's waiting links whose proof is now complete to PENDING and queues them. */
  async reconsider(userId: string): Promise<void> {
    const queued = await this.tx.run(async (em) => {
      if (!(await this.identity.lockAccount(em, userId))) {
        return [];
      }
      const holder = await this.requests.holder(em, userId);
      const links: { kind: LinkKind; id: string }[] = [];
      const profile = await this.profiles.findProfile(em, userId, true);
      if (
        profile?.omsPolicy &&
        profile.omsPolicyVerification === LinkVerification.UNVERIFIED &&
        this.requests.field('omsPolicy', profile, holder)
      ) {
        await this.profiles.updateProfile(em, userId, {
          omsPolicyVerification: LinkVerification.PENDING,
        });
        links.push({ kind: 'OMS_POLICY', id: userId });
      }
      for (const child of await this.children.findUnverifiedByParentId(em, userId)) {
        if (this.requests.child(child, holder)) {
          await this.children.updateVerification(em, child.id, LinkVerification.PENDING, null);
          links.push({ kind: 'CHILD', id: child.id });
        }
      }
      await this.deadlines.start(em, userId, links, new Date());
      return links;
    });
    if (queued.length > 0) {
      this.logger.log({ userId, links: queued.length }, 'waiting links sent for checks');
      await this.checks.queueAll(queued);
    }
  }
}
