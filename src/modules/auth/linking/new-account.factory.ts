import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UserEntity, UserRepository } from '../../identity';
import { PasswordHasher } from '../credentials/password-hasher.service';

/** What an account made from a provider identity or a certificate starts with. */
export interface NewAccountData {
  lastName: string;
  firstName: string;
  middleName: string | null;
  /** E.164, proven: confirmed by the provider or by an SMS code. */
  phone: string;
  /** `YYYY-MM-DD`, when the source has one. */
  birthDate: string | null;
}

/**
 * Accounts made by a sign-in rather than by registration (a federated identity, a declined
 * account link). They have no password until the person sets one through recovery by SMS: the
 * stored hashes are of random secrets nobody knows. The caller checks the phone is free (the
 * unique key settles races) inside its transaction.
 */
@Injectable()
export class NewAccountFactory {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async create(em: EntityManager, data: NewAccountData, now: Date): Promise<UserEntity> {
    const secret = () => randomBytes(32).toString('base64url');
    const [passwordHash, securityAnswerHash] = await Promise.all([
      this.hasher.hash(secret()),
      this.hasher.hash(secret()),
    ]);
    const user: UserEntity = Object.assign(new UserEntity(), {
      id: randomUUID(),
      lastName: data.lastName,
      firstName: data.firstName,
      middleName: data.middleName,
      phone: data.phone,
      phoneSince: now,
      email: null,
      passwordHash,
      hasPassword: false,
      // No security question: recovery goes by SMS to the confirmed phone.
      securityQuestion: '',
      securityAnswerHash,
      birthDate: data.birthDate,
      createdAt: now,
      updatedAt: now,
    });
    await this.users.insert(em, user);
    return user;
  }
}
