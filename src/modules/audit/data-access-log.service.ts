import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthPrincipal } from '../../shared/auth';
import { Page, pageSize, PaginationArgs, toConnection } from '../../shared/graphql/connection';
import { AuditActorKind, DataAccessAction } from './audit.enums';
import { DataAccessRecordEntity } from './entities/data-access-record.entity';
import { DataAccessLogRepository } from './data-access-log.repository';
import { DataAccessRecord } from './graphql/data-access-record.type';

/** What is recorded: which fields of whose data, by whom, why. Never the values. */
export interface DataAccessEntry {
  subjectUserId: string;
  actorKind: AuditActorKind;
  actorId?: string | null;
  actorLabel: string;
  action: DataAccessAction;
  fields: string[];
  purpose?: string | null;
  ip?: string | null;
}

// The person's own actions are shown as «Вы» whatever label was stored.
const SELF_LABEL = 'Вы';
/** What replaces a deleted account's name in other people's logs. */
export const DELETED_ACCOUNT_LABEL = 'удалённая учётная запись';

/**
 * The personal-data access log (152-FZ accountability): modules record reads, updates and
 * checks of a person's data; the person reads their own log through `myDataAccessLog`.
 */
@Injectable()
export class DataAccessLogService {
  private readonly logger = new Logger(DataAccessLogService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly records: DataAccessLogRepository,
  ) {}

  /** Records inside the caller's transaction (updates, checks): no change without its record. */
  async record(em: EntityManager, entry: DataAccessEntry): Promise<void> {
    if (entry.fields.length === 0) {
      return;
    }
    await this.records.insert(em, this.toEntity(entry));
  }

  /** The person's own action, for `record`. */
  static self(
    principal: AuthPrincipal,
    subjectUserId: string,
    action: DataAccessAction,
    fields: string[],
    ip?: string | null,
  ): DataAccessEntry {
    return {
      subjectUserId,
      actorKind: AuditActorKind.SELF,
      actorId: principal.userId,
      actorLabel: SELF_LABEL,
      action,
      fields,
      purpose: null,
      ip: ip ?? null,
    };
  }

  async page(subjectUserId: string, args: PaginationArgs): Promise<Page<DataAccessRecord>> {
    const first = pageSize(args);
    const em = this.dataSource.manager;
    const [rows, total] = await Promise.all([
      this.records.findPageBySubject(em, subjectUserId, first, args.after),
      this.records.countBySubject(em, subjectUserId),
    ]);
    return toConnection(rows.map(toRecord), first, total);
  }

  /**
   * A deleted account: its own log goes, and its name leaves the logs of the people whose data
   * it touched (they keep the record that access happened, and by which organization).
   */
  async purge(em: EntityManager, userId: string): Promise<void> {
    await this.records.deleteBySubject(em, userId);
    await this.records.relabelActor(em, userId, DELETED_ACCOUNT_LABEL);
  }

  private toEntity(entry: DataAccessEntry): DataAccessRecordEntity {
    return Object.assign(new DataAccessRecordEntity(), {
      id: randomUUID(),
      subjectUserId: entry.subjectUserId,
      actorKind: entry.actorKind,
      actorId: entry.actorId ?? null,
      actorLabel: entry.actorLabel.slice(0, 300),
      action: entry.action,
      fields: [...new Set(entry.fields)],
      purpose: entry.purpose ?? null,
      ip: entry.ip?.slice(0, 45) ?? null,
      createdAt: new Date(),
    });
  }
}

function toRecord(entity: DataAccessRecordEntity): DataAccessRecord {
  return Object.assign(new DataAccessRecord(), {
    id: entity.id,
    at: entity.createdAt,
    createdAt: entity.createdAt,
    actor: entity.actorKind === AuditActorKind.SELF ? SELF_LABEL : entity.actorLabel,
    action: entity.action,
    fields: entity.fields,
    purpose: entity.purpose,
  });
}
