import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { exportedTime } from '../../../shared/personal-data';
import type { PersonalDataExporter, PersonalDataSection } from '../../../shared/personal-data';
import { SessionEntity } from '../entities/session.entity';

/** Sessions (devices, addresses, when and why they ended); refresh tokens are secrets, left out. */
@Injectable()
export class SessionsDataExporter implements PersonalDataExporter {
  async exportFor(em: EntityManager, userId: string): Promise<PersonalDataSection[]> {
    const sessions = await em.find(SessionEntity, {
      where: { userId },
      order: { createdAt: 'ASC' },
    });
    return [
      {
        key: 'sessions',
        title: 'Сеансы',
        records: sessions.map((s) => ({
          id: s.id,
          createdAt: exportedTime(s.createdAt),
          lastUsedAt: exportedTime(s.lastUsedAt),
          expiresAt: exportedTime(s.expiresAt),
          userAgent: s.userAgent,
          ip: s.ip,
          revokedAt: exportedTime(s.revokedAt),
          revokeReason: s.revokeReason,
          organizationId: s.organizationId,
          actingChildId: s.actingChildId,
          developerRepresentative: s.developerRepresentative,
        })),
      },
    ];
  }
}
