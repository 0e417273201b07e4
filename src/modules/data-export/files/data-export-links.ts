import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig, authConfig, dataExportConfig } from '../../../config/configuration';
import { deriveKey } from '../../../shared/auth';
import { DataExportException } from '../data-export.exception';

/** A signed download link and when it stops working. */
export interface SignedLink {
  url: string;
  expiresAt: Date;
}

/**
 * Short-lived download links of an export: `/files/data-exports/<id>?expires=<unix s>&signature=`
 * with an HMAC-SHA256 (key derived from SECRETS_MASTER_KEY) over the export, its owner and the
 * time. The link alone is not enough: the download also needs the owner's access token, so a
 * link that leaks (browser history, a proxy's log) opens nothing, and it dies within minutes.
 */
@Injectable()
export class DataExportLinks {
  private readonly key: Buffer;

  constructor(
    @Inject(authConfig.KEY) auth: ConfigType<typeof authConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(dataExportConfig.KEY) private readonly config: ConfigType<typeof dataExportConfig>,
  ) {
    this.key = deriveKey(auth.masterKey, 'data-export-link/v1');
  }

  /** A link for now, living DATA_EXPORT_LINK_TTL_SECONDS and never past the export's own end. */
  sign(exportId: string, userId: string, exportExpiresAt: Date, now: Date): SignedLink {
    const until = Math.min(now.getTime() + this.config.linkTtlMs, exportExpiresAt.getTime());
    const expires = Math.floor(until / 1000);
    const signature = this.mac(exportId, userId, expires);
    return {
      url: `${this.app.publicUrl}/files/data-exports/${exportId}?expires=${expires}&signature=${signature}`,
      expiresAt: new Date(expires * 1000),
    };
  }

  /** Throws LINK_INVALID for a signature not made for this export and person, LINK_EXPIRED after its time. */
  verify(exportId: string, userId: string, expires: unknown, signature: unknown, now: Date): void {
    if (
      typeof expires !== 'string' ||
      !/^\d{1,12}$/.test(expires) ||
      typeof signature !== 'string'
    ) {
      throw DataExportException.linkInvalid();
    }
    const expected = Buffer.from(this.mac(exportId, userId, Number(expires)));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw DataExportException.linkInvalid();
    }
    if (Number(expires) * 1000 <= now.getTime()) {
      throw DataExportException.linkExpired();
    }
  }

  private mac(exportId: string, userId: string, expires: number): string {
    return createHmac('sha256', this.key)
      .update(`${exportId}:${userId}:${expires}`)
      .digest('base64url');
  }
}
