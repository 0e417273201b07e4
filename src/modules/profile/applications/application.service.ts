import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Page, pageSize, PaginationArgs, toConnection } from '../../../shared/graphql/connection';
import { ApplicationEntity } from '../entities/application.entity';
import { Application } from '../graphql/application.type';
import { ApplicationRepository } from '../repositories/application.repository';

/** The person's applications: one per request subject (a document check), status kept current. */
@Injectable()
export class ApplicationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationRepository,
  ) {}

  /** Opens the subject's application, or sets its status when it exists. */
  async track(
    em: EntityManager,
    values: { userId: string; sourceId: string; kind: string; title: string; status: string },
    now: Date,
  ): Promise<void> {
    const existing = await this.applications.findBySourceId(em, values.sourceId);
    if (existing) {
      await this.applications.updateStatusBySource(em, values.sourceId, values.status, now);
      return;
    }
    await this.applications.insert(
      em,
      Object.assign(new ApplicationEntity(), {
        id: randomUUID(),
        ...values,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  async page(userId: string, args: PaginationArgs): Promise<Page<Application>> {
    const first = pageSize(args);
    const em = this.dataSource.manager;
    const [rows, total] = await Promise.all([
      this.applications.findPageByUser(em, userId, first, args.after),
      this.applications.countByUser(em, userId),
    ]);
    return toConnection(rows.map(toApplication), first, total);
  }
}

function toApplication(entity: ApplicationEntity): Application {
  return Object.assign(new Application(), {
    id: entity.id,
    kind: entity.kind,
    title: entity.title,
    status: entity.status,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  });
}
