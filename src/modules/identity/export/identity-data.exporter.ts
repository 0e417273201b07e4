import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { exportedTime } from '../../../shared/personal-data';
import type { PersonalDataExporter, PersonalDataSection } from '../../../shared/personal-data';
import { ChildEntity } from '../entities/child.entity';
import { FederatedIdentityEntity } from '../entities/federated-identity.entity';
import { IdentityDocumentEntity } from '../entities/identity-document.entity';
import { UserEntity } from '../entities/user.entity';

/**
 * The account, every document submission with its registry check (rows are the history),
 * children and federated sign-ins. Password and answer hashes are not personal data given by
 * the person and would only help an attacker holding the file: they are left out.
 */
@Injectable()
export class IdentityDataExporter implements PersonalDataExporter {
  async exportFor(em: EntityManager, userId: string): Promise<PersonalDataSection[]> {
    const [user, documents, children, federated] = await Promise.all([
      em.findOneBy(UserEntity, { id: userId }),
      em.find(IdentityDocumentEntity, { where: { userId }, order: { submittedAt: 'ASC' } }),
      em.find(ChildEntity, { where: { parentUserId: userId }, order: { createdAt: 'ASC' } }),
      em.find(FederatedIdentityEntity, { where: { userId }, order: { createdAt: 'ASC' } }),
    ]);
    return [
      {
        key: 'account',
        title: 'Учётная запись',
        records: user
          ? [
              {
                id: user.id,
                lastName: user.lastName,
                firstName: user.firstName,
                middleName: user.middleName,
                birthDate: user.birthDate,
                phone: user.phone,
                email: user.email,
                emailConfirmedAt: exportedTime(user.emailConfirmedAt),
                hasPassword: user.hasPassword,
                securityQuestion: user.securityQuestion,
                createdAt: exportedTime(user.createdAt),
                updatedAt: exportedTime(user.updatedAt),
              },
            ]
          : [],
      },
      {
        key: 'documents',
        title: 'Документы и проверки',
        records: documents.map((d) => ({
          id: d.id,
          kind: d.kind,
          series: d.series,
          number: d.number,
          issuedAt: d.issuedAt,
          issuedBy: d.issuedBy,
          status: d.status,
          inForce: d.inForce,
          submittedAt: exportedTime(d.submittedAt),
          verifiedAt: exportedTime(d.verifiedAt),
          rejectionReason: d.rejectionReason,
          checkExpiresAt: exportedTime(d.checkExpiresAt),
          updatedAt: exportedTime(d.updatedAt),
        })),
      },
      {
        key: 'children',
        title: 'Дети',
        records: children.map((c) => ({
          id: c.id,
          lastName: c.lastName,
          firstName: c.firstName,
          middleName: c.middleName,
          birthDate: c.birthDate,
          snils: c.snils,
          schoolLogin: c.schoolLogin,
          createdAt: exportedTime(c.createdAt),
        })),
      },
      {
        key: 'federated-identities',
        title: 'Вход через Госуслуги',
        records: federated.map((f) => ({
          id: f.id,
          issuer: f.issuer,
          subject: f.subject,
          trustedAt: exportedTime(f.trustedAt),
          createdAt: exportedTime(f.createdAt),
          lastLoginAt: exportedTime(f.lastLoginAt),
        })),
      },
    ];
  }
}
