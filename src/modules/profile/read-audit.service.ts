import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { GraphQLContext } from '../../shared/auth';
import { AuditActorKind, DataAccessAction, DataAccessLogService } from '../audit';

interface Batch {
  fields: Set<string>;
  written: Promise<void>;
}

/**
 * Records reads of a person's fields: one record per response and person, listing the fields
 * actually selected. Field resolvers note their field and await the record, so no personal data
 * leaves without its record (a failed write fails the read).
 */
@Injectable()
export class ReadAuditService {
  private readonly batches = new WeakMap<object, Map<string, Batch>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly log: DataAccessLogService,
  ) {}

  note(ctx: GraphQLContext, subjectUserId: string, field: string): Promise<void> {
    let perSubject = this.batches.get(ctx);
    if (!perSubject) {
      perSubject = new Map();
      this.batches.set(ctx, perSubject);
    }
    let batch = perSubject.get(subjectUserId);
    if (!batch) {
      const fields = new Set<string>();
      const subjects = perSubject;
      // graphql-js starts every field resolver of an object in one synchronous pass: by the next
      // macrotask all selected fields of this person have been noted.
      const written = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        subjects.delete(subjectUserId);
        return this.write(ctx, subjectUserId, [...fields]);
      });
      batch = { fields, written };
      perSubject.set(subjectUserId, batch);
    }
    batch.fields.add(field);
    return batch.written;
  }

  private write(ctx: GraphQLContext, subjectUserId: string, fields: string[]): Promise<void> {
    const principal = ctx.req?.user ?? ctx.principal ?? null;
    // No principal: a sign-in or registration answer, read by the person who just proved who they are.
    const self = !principal || principal.userId === subjectUserId;
    return this.log.record(this.dataSource.manager, {
      subjectUserId,
      actorKind: self ? AuditActorKind.SELF : AuditActorKind.OPERATOR,
      actorId: principal?.subject ?? subjectUserId,
      actorLabel: self ? 'Вы' : 'Система',
      action: DataAccessAction.READ,
      fields,
      ip: typeof ctx.req?.ip === 'string' ? ctx.req.ip : null,
    });
  }
}
