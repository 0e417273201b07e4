import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Injectable } from '@nestjs/common';
import { ForbiddenAddressError, WebhookTargetPolicy } from '../webhooks/webhook-target.policy';
import { forbiddenMessage, isRefusal } from '../webhooks/webhook-target';

/** A receiver gets this long to answer (connection, TLS and response headers included). */
export const DELIVERY_TIMEOUT_MS = 10_000;
const LAST_ERROR_MAX = 500;

/** How one POST went. */
export interface SendOutcome {
  delivered: boolean;
  /** The receiver's HTTP status; null when no answer came. */
  responseStatus: number | null;
  /** Why it was not delivered, for the delivery log (Russian, shown to the organization). */
  error: string | null;
}

class DeliveryTimeoutError extends Error {}

function describe(error: unknown): string {
  if (error instanceof ForbiddenAddressError) {
    return forbiddenMessage();
  }
  if (error instanceof DeliveryTimeoutError) {
    return `Получатель не ответил за ${DELIVERY_TIMEOUT_MS / 1000} с`;
  }
  const code = (error as NodeJS.ErrnoException)?.code ?? 'UNKNOWN';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return 'Не удаётся найти адрес сервера получателя';
  }
  if (code === 'ECONNREFUSED') {
    return 'Сервер получателя отклонил соединение';
  }
  if (/CERT|TLS|SSL/.test(code)) {
    return `Ошибка TLS: ${code}`;
  }
  return `Ошибка соединения: ${code}`;
}

/**
 * POSTs one delivery. Plain node:http(s) rather than fetch, to pass the checking DNS lookup of
 * WebhookTargetPolicy to the socket itself: the address connected to is the address checked.
 * Redirects are not followed (a 3xx is a failure), the body of the answer is never read, and
 * no connection is reused across receivers.
 */
@Injectable()
export class WebhookSender {
  constructor(private readonly targets: WebhookTargetPolicy) {}

  post(rawUrl: string, body: string, headers: Record<string, string>): Promise<SendOutcome> {
    const target = this.targets.target(rawUrl);
    if (isRefusal(target)) {
      return Promise.resolve({ delivered: false, responseStatus: null, error: target.message });
    }
    const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<SendOutcome>((resolve) => {
      const req = request(
        target.url,
        {
          method: 'POST',
          headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
          lookup: this.targets.lookupFor(target),
          agent: false,
        },
        (res) => {
          clearTimeout(timer);
          res.destroy();
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            resolve({ delivered: true, responseStatus: status, error: null });
          } else if (status >= 300 && status < 400) {
            resolve({
              delivered: false,
              responseStatus: status,
              error: `Получатель ответил переадресацией (HTTP ${status}); переадресации не выполняются, укажите конечный адрес`,
            });
          } else {
            resolve({
              delivered: false,
              responseStatus: status,
              error: `Получатель ответил HTTP ${status}`,
            });
          }
        },
      );
      const timer = setTimeout(() => req.destroy(new DeliveryTimeoutError()), DELIVERY_TIMEOUT_MS);
      req.on('error', (error) => {
        clearTimeout(timer);
        resolve({
          delivered: false,
          responseStatus: null,
          error: describe(error).slice(0, LAST_ERROR_MAX),
        });
      });
      req.end(body);
    });
  }
}
