import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { limitsConfig } from '../../../config/configuration';
import { IntegrationsErrorCode, IntegrationsException } from '../integrations.exception';
import { isPublicAddress } from './address-classification';
import {
  checkWebhookTarget,
  forbiddenMessage,
  isRefusal,
  WebhookTarget,
  WebhookTargetRefusal,
} from './webhook-target';

/** A resolution refused because an address is not public (the connection never starts). */
export class ForbiddenAddressError extends Error {
  constructor(readonly address: string) {
    super(`address ${address} is not public`);
    this.name = 'ForbiddenAddressError';
  }
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );
}

/**
 * Where webhooks may point (SSRF protection): https to public addresses only, unless the host is
 * in WEBHOOK_ALLOWED_HOSTS. Checked when a webhook is created (every address the name resolves
 * to) and again at every delivery, inside the socket's own DNS lookup, so a name that later
 * resolves to an internal address (DNS rebinding) is refused before any connection is made.
 */
@Injectable()
export class WebhookTargetPolicy {
  constructor(@Inject(limitsConfig.KEY) private readonly limits: ConfigType<typeof limitsConfig>) {}

  /** The URL as it will be stored; BAD_USER_INPUT (field `url`) when it may not be used. */
  async assertAcceptable(raw: string): Promise<string> {
    const target = this.target(raw);
    if (isRefusal(target)) {
      throw IntegrationsException.webhookUrl(
        target.reason === 'invalid'
          ? IntegrationsErrorCode.WEBHOOK_URL_INVALID
          : IntegrationsErrorCode.WEBHOOK_URL_FORBIDDEN,
        target.message,
      );
    }
    if (!target.allowListed && isIP(target.host) === 0) {
      let addresses: LookupAddress[];
      try {
        addresses = await resolveAll(target.host);
      } catch {
        throw IntegrationsException.webhookUrl(
          IntegrationsErrorCode.WEBHOOK_URL_UNRESOLVABLE,
          `Не удаётся найти адрес сервера ${target.host}`,
        );
      }
      if (addresses.length === 0 || !addresses.every((a) => isPublicAddress(a.address))) {
        throw IntegrationsException.webhookUrl(
          IntegrationsErrorCode.WEBHOOK_URL_FORBIDDEN,
          forbiddenMessage(),
        );
      }
    }
    return target.url.toString();
  }

  /** The delivery-time checks that need no DNS (the allow-list may have changed since). */
  target(raw: string): WebhookTarget | WebhookTargetRefusal {
    return checkWebhookTarget(raw, this.limits.webhookAllowedHosts);
  }

  /**
   * A `lookup` for http(s).request that refuses a host resolving to any non-public address, or
   * undefined (the default lookup) for allow-listed hosts. IP literals never reach a lookup;
   * {@link target} has classified them already.
   */
  lookupFor(target: WebhookTarget): LookupFunction | undefined {
    if (target.allowListed) {
      return undefined;
    }
    return (hostname, options, callback) => {
      resolveAll(hostname).then(
        (addresses) => {
          const forbidden = addresses.find((a) => !isPublicAddress(a.address));
          if (forbidden || addresses.length === 0) {
            callback(new ForbiddenAddressError(forbidden?.address ?? hostname), '');
            return;
          }
          if (options.all) {
            callback(null, addresses);
            return;
          }
          const family =
            options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
          const chosen = addresses.find((a) => !family || a.family === family);
          if (!chosen) {
            callback(
              Object.assign(new Error(`no IPv${family} address`), { code: 'ENOTFOUND' }),
              '',
            );
            return;
          }
          callback(null, chosen.address, chosen.family);
        },
        (error: NodeJS.ErrnoException) => callback(error, ''),
      );
    };
  }
}
