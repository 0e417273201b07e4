import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { AppException } from '../../../shared/errors';
import { pageSize, toConnection } from '../../../shared/graphql/connection';
import { InterAgencyAccess } from '../access/inter-agency-access.service';
import { InterAgencyAudit } from '../audit/inter-agency-audit.service';
import { DataKindEntity } from '../entities/data-kind.entity';
import { DataKindConnection } from '../graphql/data-kind.connection';
import { DataKind } from '../graphql/data-kind.type';
import type { DataKindsArgs } from '../graphql/data-kinds.args';
import { toDataKind } from '../graphql/inter-agency.mapper';
import type { RegisterDataKindInput } from '../graphql/register-data-kind.input';
import { Environment } from '../inter-agency.enums';
import { InterAgencyErrorCode, InterAgencyException } from '../inter-agency.exception';
import { NamespaceRepository } from '../repositories/namespace.repository';
import { OrganizationEntity } from '../../organizations';
import type { AssignDataKindNamespaceInput } from '../graphql/assign-data-kind-namespace.input';
import { DataKindNamespace } from '../graphql/data-kind-namespace.type';
import { DataKindRepository } from '../repositories/data-kind.repository';
import { isDuplicateKey } from '../../../shared/database/duplicate-key';
import { InformationSystemService } from '../systems/information-system.service';
import { isAbsoluteUri } from './namespace-uri';

const NOT_A_URI = 'Пространство имён должно быть абсолютным URI, например urn://example/ns/1.0.0';

/** Kinds of data: registration on an ACTIVE system, and the catalog. */
@Injectable()
export class DataKindService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: InterAgencyAccess,
    private readonly systems: InformationSystemService,
    private readonly kinds: DataKindRepository,
    private readonly namespaces: NamespaceRepository,
    private readonly audit: InterAgencyAudit,
  ) {}

  async register(principal: AuthPrincipal, input: RegisterDataKindInput): Promise<DataKind> {
    const actor = await this.access.requirePortal(principal);
    const namespaceUri = input.namespaceUri.trim();
    if (!isAbsoluteUri(namespaceUri)) {
      throw AppException.badInput([{ field: 'namespaceUri', message: NOT_A_URI }]);
    }
    const system = await this.systems.requireOwnActiveSystem(actor, input.ownerSystemId);
    const kind: DataKindEntity = {
      id: randomUUID(),
      ownerSystemId: system.id,
      ownerOrganizationId: system.organizationId,
      environment: system.environment,
      name: input.name.trim(),
      namespaceUri,
      version: input.version,
      rootElement: input.rootElement,
      createdByUserId: actor.userId,
      createdAt: new Date(),
    };
    try {
      await this.tx.run(async (em) => {
        // Only the namespace's owner publishes kinds or versions under it: nobody else can block
        // it or add a version that would win message attribution.
        const owner = await this.namespaces.findByUri(em, namespaceUri);
        if (owner && owner.organizationId !== kind.ownerOrganizationId) {
          throw InterAgencyException.namespaceOwned();
        }
        await this.kinds.insert(em, kind);
        // A kind on an ACTIVE PROD system is approved (an operator activated the system): the
        // first one claims the namespace. The automatic TEST check approves nothing.
        if (!owner && kind.environment === Environment.PROD) {
          const claimed = await this.namespaces.claim(em, {
            namespaceUri,
            organizationId: kind.ownerOrganizationId,
            dataKindId: kind.id,
            at: kind.createdAt,
          });
          const winner = claimed ? null : await this.namespaces.findByUriLocked(em, namespaceUri);
          if (winner && winner.organizationId !== kind.ownerOrganizationId) {
            throw InterAgencyException.namespaceOwned();
          }
        }
        await this.audit.byActor(em, actor, {
          action: 'DATA_KIND_REGISTERED',
          targetType: 'DATA_KIND',
          targetId: kind.id,
          details: { namespaceUri, version: kind.version, ownerSystemId: system.id },
        });
      });
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw InterAgencyException.duplicate(
          InterAgencyErrorCode.DATA_KIND_EXISTS,
          `Вид сведений ${namespaceUri} версии ${input.version} уже зарегистрирован в среде ${kind.environment}`,
        );
      }
      throw error;
    }
    return toDataKind(kind);
  }

  /**
   * An operator gives a namespace to an organization (a claim by the wrong organization, or a
   * namespace reserved before its first kind). Never to the operator's own organization.
   */
  async assignNamespace(
    principal: AuthPrincipal,
    input: AssignDataKindNamespaceInput,
  ): Promise<DataKindNamespace> {
    const operatorId = await this.access.requireOperator(principal);
    const namespaceUri = input.namespaceUri.trim();
    if (!isAbsoluteUri(namespaceUri)) {
      throw AppException.badInput([{ field: 'namespaceUri', message: NOT_A_URI }]);
    }
    if (
      !(await this.dataSource
        .getRepository(OrganizationEntity)
        .existsBy({ id: input.organizationId }))
    ) {
      throw AppException.badInput([{ field: 'organizationId', message: 'Организация не найдена' }]);
    }
    await this.access.requireOutsider(operatorId, input.organizationId);
    const namespace = await this.tx.run(async (em) => {
      const before = await this.namespaces.findByUriLocked(em, namespaceUri);
      await this.namespaces.assign(em, {
        namespaceUri,
        organizationId: input.organizationId,
        byUserId: operatorId,
        at: new Date(),
      });
      await this.audit.byPlatform(em, input.organizationId, operatorId, {
        action: 'NAMESPACE_ASSIGNED',
        targetType: 'NAMESPACE',
        // A URI is longer than the target column: its SHA-256 names it, the details carry it.
        targetId: createHash('sha256').update(namespaceUri).digest('hex'),
        details: { namespaceUri, previousOrganizationId: before?.organizationId ?? null },
      });
      return (await this.namespaces.findByUri(em, namespaceUri))!;
    });
    return Object.assign(new DataKindNamespace(), {
      namespaceUri: namespace.namespaceUri,
      claimedBy: namespace.claimedBy,
      updatedAt: namespace.updatedAt,
      organizationId: namespace.organizationId,
    });
  }

  /** The network's catalog, open to every portal user (consumers look for kinds to request). */
  async search(principal: AuthPrincipal, args: DataKindsArgs): Promise<DataKindConnection> {
    await this.access.requirePortal(principal);
    const first = pageSize(args);
    const search = args.search?.trim() || undefined;
    const { rows, total } = await this.kinds.findPage(
      this.dataSource.manager,
      search,
      first,
      args.after,
    );
    return toConnection(rows.map(toDataKind), first, total);
  }
}
