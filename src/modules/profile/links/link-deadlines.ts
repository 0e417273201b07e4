import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { registryConfig } from '../../../config/configuration';
import { LinkCheckDeadlineEntity } from '../entities/link-check-deadline.entity';
import type { LinkKind } from '../registry/person-registry.port';
import { LinkCheckDeadlineRepository } from '../repositories/link-check-deadline.repository';

/**
 * Gives every link that goes PENDING a deadline (DOCUMENT_CHECK_EXPIRY_HOURS, as document
 * checks), in the transaction that makes it PENDING, so a check never answered cannot keep it
 * waiting for ever: `LinkCheckExpiryTask` makes it EXPIRED.
 */
@Injectable()
export class LinkDeadlines {
  constructor(
    private readonly deadlines: LinkCheckDeadlineRepository,
    @Inject(registryConfig.KEY) private readonly config: ConfigType<typeof registryConfig>,
  ) {}

  async start(
    em: EntityManager,
    userId: string,
    links: readonly { kind: LinkKind; id: string }[],
    now: Date,
  ): Promise<void> {
    const expiresAt = new Date(now.getTime() + this.config.checkExpiryMs);
    await this.deadlines.upsert(
      em,
      links.map((link) =>
        Object.assign(new LinkCheckDeadlineEntity(), {
          kind: link.kind,
          linkId: link.id,
          userId,
          expiresAt,
        }),
      ),
    );
  }
}
