import { isIP } from 'node:net';
import { classifyAddress } from './address-classification';

/** The longest URL stored (`webhooks.url`), after normalisation (punycode, percent-encoding). */
export const WEBHOOK_URL_MAX = 2048;

/** A webhook URL that passed the checks that need no DNS. */
export interface WebhookTarget {
  url: URL;
  /** The host name or IP address, lower-case, without IPv6 brackets. */
  host: string;
  /** The host is in WEBHOOK_ALLOWED_HOSTS: plain http and any address allowed. */
  allowListed: boolean;
}

/** Why a URL is refused: its form, or the address it names. */
export type WebhookTargetRefusal = { reason: 'invalid' | 'forbidden'; message: string };

/** The host of a URL as a resolver or the allow-list sees it. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/**
 * Checks a webhook URL without DNS: absolute http(s), https unless the host is allow-listed, no
 * credentials, and, for an IP literal, a public address. WHATWG URL parsing first normalises
 * tricks such as `http://2130706433/` or `http://0x7f.1/` to 127.0.0.1, so they are caught too.
 */
export function checkWebhookTarget(
  raw: string,
  allowedHosts: readonly string[],
): WebhookTarget | WebhookTargetRefusal {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return {
      reason: 'invalid',
      message: 'Укажите полный адрес, например https://example.ru/hooks',
    };
  }
  const host = hostOf(url);
  const allowListed = allowedHosts.some((allowed) => allowed.toLowerCase() === host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowListed)) {
    return { reason: 'invalid', message: 'Адрес вебхука должен начинаться с https://' };
  }
  if (url.href.length > WEBHOOK_URL_MAX) {
    return { reason: 'invalid', message: `Адрес вебхука — не длиннее ${WEBHOOK_URL_MAX} символов` };
  }
  if (url.username !== '' || url.password !== '') {
    return { reason: 'invalid', message: 'Адрес вебхука не должен содержать логин и пароль' };
  }
  if (!allowListed && isIP(host) !== 0 && classifyAddress(host) !== 'public') {
    return { reason: 'forbidden', message: forbiddenMessage() };
  }
  return { url, host, allowListed };
}

export function isRefusal(
  value: WebhookTarget | WebhookTargetRefusal,
): value is WebhookTargetRefusal {
  return 'reason' in value;
}

export function forbiddenMessage(): string {
  return 'Вебхук можно направить только на публичный адрес в интернете, не во внутреннюю сеть';
}
