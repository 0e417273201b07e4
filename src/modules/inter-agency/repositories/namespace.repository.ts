import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import {
  InterAgencyNamespaceEntity,
  NamespaceClaim,
} from '../entities/inter-agency-namespace.entity';

/** The only ORM user of `inter_agency_namespaces`. */
@Injectable()
export class NamespaceRepository {
  findByUri(em: EntityManager, namespaceUri: string): Promise<InterAgencyNamespaceEntity | null> {
    return em.findOneBy(InterAgencyNamespaceEntity, { namespaceUri });
  }

  /** The committed owner, read past the transaction's snapshot (after a lost claim race). */
  findByUriLocked(
    em: EntityManager,
    namespaceUri: string,
  ): Promise<InterAgencyNamespaceEntity | null> {
    return em.findOne(InterAgencyNamespaceEntity, {
      where: { namespaceUri },
      lock: { mode: 'pessimistic_read' },
    });
  }

  findManyByUris(
    em: EntityManager,
    uris: readonly string[],
  ): Promise<InterAgencyNamespaceEntity[]> {
    return uris.length
      ? em.findBy(InterAgencyNamespaceEntity, { namespaceUri: In([...uris]) })
      : Promise.resolve([]);
  }

  /** The first approved kind claims an unowned namespace; false when someone holds it already. */
  async claim(
    em: EntityManager,
    claim: { namespaceUri: string; organizationId: string; dataKindId: string; at: Date },
  ): Promise<boolean> {
    const result: { affectedRows?: number } = await em.query(
      `INSERT IGNORE INTO inter_agency_namespaces
         (namespace_uri, organization_id, claimed_by, data_kind_id, assigned_by_user_id,
          created_at, updated_at)
       VALUES (?, ?, ?, ?, NULL, ?, ?)`,
      [
        claim.namespaceUri,
        claim.organizationId,
        NamespaceClaim.FIRST_APPROVED_KIND,
        claim.dataKindId,
        claim.at,
        claim.at,
      ],
    );
    return (result.affectedRows ?? 0) > 0;
  }

  /** An operator's assignment: creates the owner or replaces it. */
  async assign(
    em: EntityManager,
    assignment: { namespaceUri: string; organizationId: string; byUserId: string; at: Date },
  ): Promise<void> {
    await em.query(
      `INSERT INTO inter_agency_namespaces
         (namespace_uri, organization_id, claimed_by, data_kind_id, assigned_by_user_id,
          created_at, updated_at)
       VALUES (?, ?, ?, NULL, ?, ?, ?)
       ON DUPLICATE KEY UPDATE organization_id = VALUES(organization_id),
         claimed_by = VALUES(claimed_by), data_kind_id = NULL,
         assigned_by_user_id = VALUES(assigned_by_user_id), updated_at = VALUES(updated_at)`,
      [
        assignment.namespaceUri,
        assignment.organizationId,
        NamespaceClaim.OPERATOR,
        assignment.byUserId,
        assignment.at,
        assignment.at,
      ],
    );
  }
}
