import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ChildEntity,
  DocumentKind,
  IdentityDocumentRepository,
  VerificationStatus,
} from '../../identity';
import type { UserProfileEntity } from '../entities/user-profile.entity';
import type { VehicleEntity } from '../entities/vehicle.entity';
import type { LinkCheckRequest, PersonData } from '../registry/person-registry.port';
import { UserProfileRepository } from '../repositories/user-profile.repository';
import type { ProfileFieldLink } from './link-kinds';

/** What the account proves about its holder, for the checks that need it. */
export interface HolderProof {
  /** Names and birth date as in the profile; null when incomplete. */
  person: PersonData | null;
  /** Names without the birth date (a driver licence carries no birth date). */
  names: { lastName: string; firstName: string; middleName: string | null } | null;
  /** Whether a registry-verified SNILS or passport is in force (the names are proven). */
  identityVerified: boolean;
  /** The SNILS verified and in force, if any. */
  verifiedSnils: string | null;
}

/**
 * Builds the registry request of a link from what the account holds; null when the proof is
 * missing (then the link stays UNVERIFIED and says why).
 */
@Injectable()
export class LinkRequestBuilder {
  constructor(
    private readonly accounts: UserProfileRepository,
    private readonly documents: IdentityDocumentRepository,
  ) {}

  async holder(em: EntityManager, userId: string): Promise<HolderProof> {
    const account = await this.accounts.findAccount(em, userId);
    const verified = (await this.documents.findInForce(em, userId)).filter(
      (d) => d.status === VerificationStatus.VERIFIED,
    );
    const names =
      account?.lastName && account.firstName
        ? {
            lastName: account.lastName,
            firstName: account.firstName,
            middleName: account.middleName,
          }
        : null;
    return {
      person: names && account?.birthDate ? { ...names, birthDate: account.birthDate } : null,
      names,
      identityVerified: verified.length > 0,
      verifiedSnils: verified.find((d) => d.kind === DocumentKind.SNILS)?.number ?? null,
    };
  }

  vehicle(vehicle: VehicleEntity): LinkCheckRequest | null {
    return vehicle.registrationCertificate
      ? {
          kind: 'VEHICLE',
          plate: vehicle.plate,
          registrationCertificate: vehicle.registrationCertificate,
        }
      : null;
  }

  child(child: ChildEntity, holder: HolderProof): LinkCheckRequest | null {
    return child.snils && holder.verifiedSnils
      ? { kind: 'CHILD', childSnils: child.snils, parentSnils: holder.verifiedSnils }
      : null;
  }

  field(
    field: ProfileFieldLink,
    profile: UserProfileEntity,
    holder: HolderProof,
  ): LinkCheckRequest | null {
    const value = profile[field];
    if (!value) {
      return null;
    }
    switch (field) {
      case 'omsPolicy':
        // The policy is checked against the holder's proven data, not against what was typed.
        return holder.identityVerified && holder.person
          ? { kind: 'OMS_POLICY', policy: value, ...holder.person }
          : null;
      case 'driverLicense':
        return profile.driverLicenseIssuedAt && holder.names
          ? {
              kind: 'DRIVER_LICENSE',
              number: value,
              issuedAt: profile.driverLicenseIssuedAt,
              ...holder.names,
              birthDate: holder.person?.birthDate ?? '',
            }
          : null;
      case 'payerCode':
        return profile.payerCodeCheck
          ? { kind: 'PAYER_CODE', code: value, checkCode: profile.payerCodeCheck }
          : null;
      case 'electricityAccount':
        return profile.electricityAccountCheck
          ? {
              kind: 'ELECTRICITY_ACCOUNT',
              account: value,
              checkCode: profile.electricityAccountCheck,
            }
          : null;
    }
  }
}
