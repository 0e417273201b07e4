import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { OrganizationAccess } from '../../organizations';
import type { ApiClientSecret } from '../graphql/api-client-secret.type';
import type { ApiClient } from '../graphql/api-client.type';
import { toApiClient } from '../graphql/integrations.mapper';
import { IntegrationsException } from '../integrations.exception';
import { ApiClientRepository } from '../repositories/api-client.repository';
import { checkClientScopes, ORGANIZATION_SCOPES } from './api-client-scopes';
import { ApiClientRegistry } from './api-client.registry';

/** Active clients an organization may have at once. */
export const API_CLIENTS_MAX = 20;

/** `createApiClient`, `apiClients`, `revokeApiClient`: for HEAD and ADMIN of the organization. */
@Injectable()
export class ApiClientService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OrganizationAccess,
    private readonly registry: ApiClientRegistry,
    private readonly clients: ApiClientRepository,
  ) {}

  async create(principal: AuthPrincipal, name: string, scopes: string[]): Promise<ApiClientSecret> {
    const manager = await this.access.requireManager(principal);
    const checked = checkClientScopes(scopes, ORGANIZATION_SCOPES);
    if (!checked.ok) {
      throw IntegrationsException.scopesInvalid(
        `Организация может выдать клиенту только разрешения ${ORGANIZATION_SCOPES.join(', ')}; недопустимо: ${checked.unknown.join(', ')}`,
      );
    }
    // A soft limit: two clients created at the same instant may pass it together.
    const active = await this.clients.countActiveByOrganization(
      this.dataSource.manager,
      manager.organizationId,
    );
    if (active >= API_CLIENTS_MAX) {
      throw IntegrationsException.apiClientLimitReached(API_CLIENTS_MAX);
    }
    const { client, secret } = await this.registry.create({
      name: name.trim(),
      scopes: checked.scopes,
      organizationId: manager.organizationId,
      createdByUserId: manager.userId,
    });
    return { client: toApiClient(client), clientSecret: secret };
  }

  async list(principal: AuthPrincipal): Promise<ApiClient[]> {
    const manager = await this.access.requireManager(principal);
    const clients = await this.clients.findManyByOrganization(
      this.dataSource.manager,
      manager.organizationId,
    );
    return clients.map(toApiClient);
  }

  /** Revokes a client of the organization (again: no-op); its tokens stop working at once. */
  async revoke(principal: AuthPrincipal, id: string): Promise<void> {
    const manager = await this.access.requireManager(principal);
    const client = await this.clients.findInOrganization(
      this.dataSource.manager,
      manager.organizationId,
      id,
    );
    if (!client) {
      throw IntegrationsException.apiClientNotFound();
    }
    await this.clients.revoke(this.dataSource.manager, client.id, new Date());
  }
}
