import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditActorKind, DataAccessAction, DataAccessLogService } from '../../audit';
import type { DataAccessEntry } from '../../audit';
import { TrustedSnilsRepository, UserRepository } from '../../identity';
import type { UserEntity } from '../../identity';
import { MessagingService } from '../../messaging';
import type { ClientInfo } from '../client-info.decorator';
import {
  SNILS_DISPUTED_EMAIL_SUBJECT,
  snilsDisputedEmail,
  snilsDisputedSms,
  snilsTakenOverSms,
} from '../messages';

/** Who outranked the knowledge check, as both accounts' access logs name it. */
export interface SnilsAuthority {
  /** The actor label of the log entries («Госуслуги», «Квалифицированная электронная подпись»). */
  label: string;
  /** Purpose written in the disputed account's log. */
  disputedPurpose: string;
  /** Purpose written in the new account's log. */
  confirmedPurpose: string;
}

/**
 * A declined account link with a trusted source of the SNILS (a trusted provider, a qualified
 * certificate): the SNILS that a knowledge check verified on the matched account leaves it
 * (DISPUTED, no longer a login or a match), both accounts' access logs record it, and the
 * matched account's holder is told by SMS and e-mail. One path for every such flow.
 */
@Injectable()
export class SnilsDisputeService {
  private readonly logger = new Logger(SnilsDisputeService.name);

  constructor(
    private readonly snilsDocuments: TrustedSnilsRepository,
    private readonly users: UserRepository,
    private readonly auditLog: DataAccessLogService,
    private readonly messaging: MessagingService,
  ) {}

  /**
   * Inside the caller's transaction: the account holding the SNILS in force (locked first) gets
   * it DISPUTED. Answers that account, or null when the SNILS is in force nowhere any more.
   */
  async dispute(
    em: EntityManager,
    matchedUserId: string,
    snils: string,
    now: Date,
  ): Promise<UserEntity | null> {
    await this.snilsDocuments.lockAccount(em, matchedUserId);
    const owner = await this.users.findBySnilsVerified(em, snils);
    if (!owner) {
      return null;
    }
    await this.snilsDocuments.dispute(em, owner.id, snils, now);
    return owner;
  }

  /** Inside the caller's transaction: both accounts' data-access logs. */
  async audit(
    em: EntityManager,
    disputedUserId: string,
    newUserId: string,
    authority: SnilsAuthority,
    client: ClientInfo,
  ): Promise<void> {
    const entry = (subjectUserId: string, purpose: string): DataAccessEntry => ({
      subjectUserId,
      actorKind: AuditActorKind.REGISTRY,
      actorId: null,
      actorLabel: authority.label,
      action: DataAccessAction.UPDATE,
      fields: ['snils'],
      purpose,
      ip: client.ip,
    });
    await this.auditLog.record(em, entry(disputedUserId, authority.disputedPurpose));
    await this.auditLog.record(em, entry(newUserId, authority.confirmedPurpose));
  }

  /**
   * After the commit: the disputed account's holder learns it by SMS, and by e-mail when the
   * address is confirmed (an unproven address may be someone else's); the new account's holder
   * gets an SMS too. Nothing is sent when no SNILS was disputed.
   */
  async notify(disputed: UserEntity | null, newHolder: UserEntity): Promise<void> {
    if (!disputed) {
      return;
    }
    this.logger.warn(`SNILS of account ${disputed.id} disputed by new account ${newHolder.id}`);
    await this.messaging.sendSms(disputed.phone, snilsDisputedSms());
    if (disputed.email && disputed.emailConfirmedAt) {
      await this.messaging.sendEmail(
        disputed.email,
        SNILS_DISPUTED_EMAIL_SUBJECT,
        snilsDisputedEmail(),
      );
    }
    await this.messaging.sendSms(newHolder.phone, snilsTakenOverSms());
  }
}
