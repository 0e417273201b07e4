import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { ApiClientEntity } from '../entities/api-client.entity';
import { ApiClientRepository } from '../repositories/api-client.repository';
import {
  clientSecretMatches,
  generateClientId,
  generateClientSecret,
  hashClientSecret,
} from './api-client-credentials';

// last_used_at is a hint for people reviewing their clients: one write a minute is plenty.
const LAST_USED_RESOLUTION_MS = 60_000;
// Compared against when the client_id is unknown, so both answers cost the same.
const NO_CLIENT_HASH = hashClientSecret('no such client');
const CLIENT_ID_MAX = 64;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a new client is made of; scopes are checked by the caller (GraphQL or CLI rules). */
export interface NewApiClient {
  name: string;
  scopes: string[];
  organizationId: string | null;
  createdByUserId: string | null;
}

/**
 * API clients as credentials: making them, authenticating them, and the per-request check that
 * a client's tokens still count. Free of request context, so the operator CLI uses it too.
 */
@Injectable()
export class ApiClientRegistry {
  private readonly logger = new Logger(ApiClientRegistry.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clients: ApiClientRepository,
  ) {}

  /** Stores a new client; the secret is returned this once and only its hash is kept. */
  async create(values: NewApiClient): Promise<{ client: ApiClientEntity; secret: string }> {
    const secret = generateClientSecret();
    const client: ApiClientEntity = {
      id: randomUUID(),
      organizationId: values.organizationId,
      name: values.name,
      clientId: generateClientId(),
      secretHash: hashClientSecret(secret),
      scopes: values.scopes,
      createdByUserId: values.createdByUserId,
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.clients.insert(this.dataSource.manager, client);
    return { client, secret };
  }

  /** The client with that public client_id, revoked or not (for the operator CLI). */
  findByClientId(clientId: string): Promise<ApiClientEntity | null> {
    return clientId.length <= CLIENT_ID_MAX
      ? this.clients.findByClientId(this.dataSource.manager, clientId)
      : Promise.resolve(null);
  }

  /** The active client with that client_id and secret; null for anything else. */
  async authenticate(clientId: string, secret: string): Promise<ApiClientEntity | null> {
    const client =
      clientId.length <= CLIENT_ID_MAX
        ? await this.clients.findByClientId(this.dataSource.manager, clientId)
        : null;
    const matches = clientSecretMatches(secret, client?.secretHash ?? NO_CLIENT_HASH);
    return client && matches && !client.revokedAt ? client : null;
  }

  /**
   * Revokes a client by its id or its client_id (the operator CLI; platform clients too).
   * Answers the client and whether this call revoked it (false when it already was); null when
   * no client has that id. Its tokens stop working at once: {@link isActive} reads the client
   * on every request.
   */
  async revoke(
    idOrClientId: string,
    now = new Date(),
  ): Promise<{ client: ApiClientEntity; revoked: boolean } | null> {
    const em = this.dataSource.manager;
    const client = UUID.test(idOrClientId)
      ? await this.clients.findById(em, idOrClientId)
      : idOrClientId.length <= CLIENT_ID_MAX
        ? await this.clients.findByClientId(em, idOrClientId)
        : null;
    if (!client) {
      return null;
    }
    const revoked = await this.clients.revoke(em, client.id, now);
    this.logger.log({ apiClientId: client.id, revoked }, 'API client revoked');
    return { client, revoked };
  }

  /**
   * A TokenVerifier check, run on every request: a client token counts only while its client
   * exists, is not revoked and belongs to the token's organization. No cache: revocation takes
   * effect at once, for one primary-key read per request.
   */
  async isActive(principal: AuthPrincipal): Promise<boolean> {
    if (principal.kind !== 'client') {
      return true;
    }
    const client = await this.clients.findById(this.dataSource.manager, principal.subject);
    if (!client || client.revokedAt || client.organizationId !== principal.organizationId) {
      return false;
    }
    await this.markUsed(client);
    return true;
  }

  /** Records the use, at most once a minute; a failed write never refuses the request. */
  async markUsed(client: ApiClientEntity, now = new Date()): Promise<void> {
    if (
      client.lastUsedAt &&
      now.getTime() - client.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS
    ) {
      return;
    }
    try {
      await this.clients.touch(
        this.dataSource.manager,
        client.id,
        now,
        new Date(now.getTime() - LAST_USED_RESOLUTION_MS),
      );
    } catch (error) {
      this.logger.warn({ err: error, apiClientId: client.id }, 'last_used_at not updated');
    }
  }
}
