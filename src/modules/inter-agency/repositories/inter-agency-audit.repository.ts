import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InterAgencyAuditRecordEntity } from '../entities/inter-agency-audit-record.entity';

/** The only ORM user of `inter_agency_audit_log` (append-only). */
@Injectable()
export class InterAgencyAuditRepository {
  async insert(em: EntityManager, row: InterAgencyAuditRecordEntity): Promise<void> {
    await em.insert(InterAgencyAuditRecordEntity, row);
  }
}
