import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IdentityDirectory } from '../../identity';
import { ProfileDirectory } from '../../profile';
import type { ProfileFacts } from './profile-facts';

/**
 * Reads a person's identifiers through the ports of the modules that keep them: the identity
 * module (phone, e-mail, birth date, verified SNILS, children) and the profile module (address,
 * documents' numbers, vehicles). Read-only, by primary and foreign keys.
 */
@Injectable()
export class ProfileFactsReader {
  constructor(
    private readonly identity: IdentityDirectory,
    private readonly profile: ProfileDirectory,
  ) {}

  /** The account's facts; null when the account does not exist. */
  async forUser(em: EntityManager, userId: string): Promise<ProfileFacts | null> {
    const person = await this.identity.profileFacts(em, userId);
    if (!person) {
      return null;
    }
    const profile = await this.profile.profileFacts(em, userId);
    return {
      userId,
      childId: null,
      phone: person.phone,
      phoneSince: person.phoneSince,
      email: person.email,
      birthDate: person.birthDate,
      address: profile.address,
      driverLicense: profile.driverLicense,
      payerCode: profile.payerCode,
      electricityAccount: profile.electricityAccount,
      omsPolicy: profile.omsPolicy,
      snils: person.snils,
      snilsVerifiedAt: person.snilsVerifiedAt,
      vehicles: profile.vehicles,
      children: person.children,
      links: profile.links,
    };
  }

  /**
   * A child's facts for a student session: the child itself is the only "child", with its SNILS;
   * the parent's identifiers are not the child's.
   */
  async forChild(
    em: EntityManager,
    parentUserId: string,
    childId: string,
  ): Promise<ProfileFacts | null> {
    const child = await this.identity.childFacts(em, parentUserId, childId);
    if (!child) {
      return null;
    }
    return {
      userId: parentUserId,
      childId,
      phone: null,
      phoneSince: null,
      email: null,
      birthDate: null,
      address: null,
      driverLicense: null,
      payerCode: null,
      electricityAccount: null,
      omsPolicy: null,
      snils: null,
      snilsVerifiedAt: null,
      vehicles: [],
      children: [child],
      links: [],
    };
  }
}
