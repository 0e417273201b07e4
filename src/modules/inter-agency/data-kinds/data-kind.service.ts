import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { TransactionRunner } from '../../../shared/database/transaction-runner';
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
import { InterAgencyErrorCode, InterAgencyException } from '../inter-agency.exception';
import { DataKindRepository } from '../repositories/data-kind.repository';
import { isDuplicateKey } from '../../../shared/database/duplicate-key';
import { InformationSystemService } from '../systems/information-system.service';
import { isAbsoluteUri } from './namespace-uri';

/** Kinds of data: registration on an ACTIVE system, and the catalog. */
@Injectable()
export class DataKindService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: InterAgencyAccess,
    private readonly systems: InformationSystemService,
    private readonly kinds: DataKindRepository,
    private readonly audit: InterAgencyAudit,
  ) {}

  async register(principal: AuthPrincipal, input: RegisterDataKindInput): Promise<DataKind> {
    const actor = await this.access.requirePortal(principal);
    const namespaceUri = input.namespaceUri.trim();
    if (!isAbsoluteUri(namespaceUri)) {
      throw AppException.badInput([
        {
          field: 'namespaceUri',
          message: 'Пространство имён должно быть абсолютным URI, например urn://example/ns/1.0.0',
        },
      ]);
    }
    const system = await this.systems.requireOwnActiveSystem(actor, input.ownerSystemId);
    const kind: DataKindEntity = {
      id: randomUUID(),
      ownerSystemId: system.id,
      ownerOrganizationId: system.organizationId,
      name: input.name.trim(),
      namespaceUri,
      version: input.version,
      rootElement: input.rootElement,
      createdByUserId: actor.userId,
      createdAt: new Date(),
    };
    try {
      await this.tx.run(async (em) => {
        await this.kinds.insert(em, kind);
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
          `Вид сведений ${namespaceUri} версии ${input.version} уже зарегистрирован`,
        );
      }
      throw error;
    }
    return toDataKind(kind);
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
