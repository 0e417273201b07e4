import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { exportedTime } from '../../../shared/personal-data';
import type { PersonalDataExporter, PersonalDataSection } from '../../../shared/personal-data';
import { MembershipEntity } from '../entities/membership.entity';
import { OrganizationEntity } from '../entities/organization.entity';
import { MembershipStatus } from '../organization.enums';

/** Memberships (ACTIVE) and invitations (INVITED, DECLINED) with the organizations' names. */
@Injectable()
export class MembershipsDataExporter implements PersonalDataExporter {
  async exportFor(em: EntityManager, userId: string): Promise<PersonalDataSection[]> {
    const rows = await em
      .createQueryBuilder(MembershipEntity, 'm')
      .leftJoinAndMapOne('m.organization', OrganizationEntity, 'o', 'o.id = m.organization_id')
      .where('m.user_id = :userId', { userId })
      .orderBy('m.created_at', 'ASC')
      .getMany();
    const record = (m: MembershipEntity & { organization?: OrganizationEntity }) => ({
      id: m.id,
      organizationId: m.organizationId,
      organization: m.organization?.shortName ?? m.organization?.fullName ?? null,
      inn: m.organization?.inn ?? null,
      role: m.role,
      personnelNumber: m.personnelNumber,
      status: m.status,
      invitedAs: m.invitedAs,
      invitationExpiresAt: exportedTime(m.invitationExpiresAt),
      createdAt: exportedTime(m.createdAt),
    });
    return [
      {
        key: 'memberships',
        title: 'Организации',
        records: rows.filter((m) => m.status === MembershipStatus.ACTIVE).map(record),
      },
      {
        key: 'invitations',
        title: 'Приглашения',
        records: rows.filter((m) => m.status !== MembershipStatus.ACTIVE).map(record),
      },
    ];
  }
}
