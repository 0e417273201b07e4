import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { UserEntity } from '../../identity';
import { MembershipEntity } from '../entities/membership.entity';
import { OrganizationEntity } from '../entities/organization.entity';
import { MemberRole, OrganizationType } from '../organization.enums';
import { OrganizationException } from '../organizations.exception';
import { MembershipRepository } from '../repositories/membership.repository';
import { OrganizationRepository } from '../repositories/organization.repository';
import type { CertificateSubject } from '../signature/certificate-subject';

const FULL_NAME_MAX = 500;

/**
 * What an e-signature sign-in makes of its signer, inside the sign-in's transaction: the
 * certificate's organization (created on its first sign-in) with the signer as HEAD, under the
 * membership rules below. Answers the organization id the session carries.
 */
@Injectable()
export class SignerOrganizationService {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  async ensure(em: EntityManager, subject: CertificateSubject, user: UserEntity): Promise<string> {
    const type =
      subject.organizationType === 'SOLE_PROPRIETOR'
        ? OrganizationType.SOLE_PROPRIETOR
        : OrganizationType.LEGAL_ENTITY;
    const ogrn = (type === OrganizationType.SOLE_PROPRIETOR ? subject.ogrnip : subject.ogrn) ?? '';
    const found = await this.organizations.findByOgrnOrInn(em, ogrn, subject.inn);
    if (
      found.length > 1 ||
      (found[0] && (found[0].ogrn !== ogrn || found[0].inn !== subject.inn))
    ) {
      throw OrganizationException.organizationMismatch();
    }
    const now = new Date();
    let organization = found[0];
    if (!organization) {
      organization = Object.assign(new OrganizationEntity(), {
        id: randomUUID(),
        type,
        inn: subject.inn,
        ogrn,
        kpp: null,
        fullName: fullNameOf(type, subject, user).slice(0, FULL_NAME_MAX),
        shortName: null,
        createdAt: now,
      });
      await this.organizations.insert(em, organization);
    }
    const membership = await this.memberships.findOne(em, organization.id, user.id);
    // A known organization with a HEAD decides its members itself: a signature alone never
    // re-creates a removed membership. Only an organization left without any HEAD takes the
    // signer (the certificate names its head) as HEAD again.
    if (!membership && found[0]) {
      const heads = await this.memberships.findHeadsForUpdate(em, organization.id);
      if (heads.length > 0) {
        throw OrganizationException.notAMember();
      }
    }
    if (!membership) {
      await this.memberships.insert(
        em,
        Object.assign(new MembershipEntity(), {
          id: randomUUID(),
          organizationId: organization.id,
          userId: user.id,
          role: MemberRole.HEAD,
          personnelNumber: null,
          createdAt: now,
        }),
      );
    } else if (membership.role !== MemberRole.HEAD) {
      // Qualified certificates of an organization are issued (by the FNS CA) only to a person
      // who acts for it without a power of attorney: the signer is its head.
      await this.memberships.updateRole(em, membership.id, MemberRole.HEAD);
    }
    return organization.id;
  }
}

// A legal entity's name is its O attribute; a sole proprietor's is «ИП Фамилия Имя Отчество»
// from the certificate (or the account when the certificate lacks the names).
function fullNameOf(type: OrganizationType, subject: CertificateSubject, user: UserEntity): string {
  if (type === OrganizationType.LEGAL_ENTITY) {
    return subject.organizationName ?? subject.commonName ?? `Организация ИНН ${subject.inn}`;
  }
  const names = subject.surname
    ? [subject.surname, subject.givenName]
    : [user.lastName, user.firstName, user.middleName];
  return ['ИП', ...names.filter((name): name is string => !!name)].join(' ');
}
