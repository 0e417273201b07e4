import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SignatureIdentityEntity } from '../entities/signature-identity.entity';

/** The only ORM user of `signature_identities`. */
@Injectable()
export class SignatureIdentityRepository {
  findBySnils(em: EntityManager, snils: string): Promise<SignatureIdentityEntity | null> {
    return em.findOneBy(SignatureIdentityEntity, { snils });
  }

  async insert(em: EntityManager, identity: SignatureIdentityEntity): Promise<void> {
    await em.insert(SignatureIdentityEntity, identity);
  }

  async recordLogin(em: EntityManager, id: string, lastLoginAt: Date): Promise<void> {
    await em.update(SignatureIdentityEntity, { id }, { lastLoginAt });
  }
}
