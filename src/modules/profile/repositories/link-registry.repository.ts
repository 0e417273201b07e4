import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LinkRegistryEntity } from '../entities/link-registry.entity';

/** The only ORM user of `link_registry` (REGISTRY_DRIVER=table). */
@Injectable()
export class LinkRegistryRepository {
  findOne(em: EntityManager, kind: string, identifier: string): Promise<LinkRegistryEntity | null> {
    return em.findOneBy(LinkRegistryEntity, { kind, identifier });
  }

  async upsert(em: EntityManager, row: LinkRegistryEntity): Promise<void> {
    await em.upsert(LinkRegistryEntity, row, ['kind', 'identifier']);
  }
}
