import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { exportedTime } from '../../../shared/personal-data';
import type { PersonalDataExporter, PersonalDataSection } from '../../../shared/personal-data';
import { ApplicationEntity } from '../entities/application.entity';
import { UserProfileEntity } from '../entities/user-profile.entity';
import { VehicleEntity } from '../entities/vehicle.entity';

/** Profile fields besides the account's, vehicles, and applications (document checks among them). */
@Injectable()
export class ProfileDataExporter implements PersonalDataExporter {
  async exportFor(em: EntityManager, userId: string): Promise<PersonalDataSection[]> {
    const [profile, vehicles, applications] = await Promise.all([
      em.findOneBy(UserProfileEntity, { userId }),
      em.find(VehicleEntity, { where: { userId }, order: { createdAt: 'ASC' } }),
      em.find(ApplicationEntity, { where: { userId }, order: { createdAt: 'ASC' } }),
    ]);
    return [
      {
        key: 'profile',
        title: 'Профиль',
        records: profile
          ? [
              {
                address: profile.address,
                driverLicense: profile.driverLicense,
                payerCode: profile.payerCode,
                electricityAccount: profile.electricityAccount,
                omsPolicy: profile.omsPolicy,
                updatedAt: exportedTime(profile.updatedAt),
              },
            ]
          : [],
      },
      {
        key: 'vehicles',
        title: 'Транспорт',
        records: vehicles.map((v) => ({
          id: v.id,
          plate: v.plate,
          registrationCertificate: v.registrationCertificate,
          createdAt: exportedTime(v.createdAt),
        })),
      },
      {
        key: 'applications',
        title: 'Заявления',
        records: applications.map((a) => ({
          id: a.id,
          kind: a.kind,
          title: a.title,
          status: a.status,
          documentId: a.sourceId,
          createdAt: exportedTime(a.createdAt),
          updatedAt: exportedTime(a.updatedAt),
        })),
      },
    ];
  }
}
