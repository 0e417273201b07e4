import {
  LinkCheckRequest,
  LinkKind,
  PassportCheckRequest,
  PersonRegistry,
  RegistryUnavailableError,
  RegistryVerdict,
  SnilsCheckRequest,
} from './person-registry.port';

const VERDICTS = new Set<RegistryVerdict>(['MATCH', 'MISMATCH', 'NOT_FOUND']);
export const REGISTRY_TIMEOUT_MS = 5000;

/** The path of each link check (API.md); the body is the request without `kind`. */
export const LINK_CHECK_PATHS: Record<LinkKind, string> = {
  VEHICLE: 'vehicle',
  OMS_POLICY: 'oms-policy',
  CHILD: 'birth-record',
  PAYER_CODE: 'payer-code',
  ELECTRICITY_ACCOUNT: 'electricity-account',
  DRIVER_LICENSE: 'driver-license',
};

/** Maps a registry HTTP answer to a verdict; anything but a 2xx with a known result throws. */
export function verdictOf(status: number, body: unknown): RegistryVerdict {
  if (status < 200 || status >= 300) {
    throw new RegistryUnavailableError(`registry answered HTTP ${status}`);
  }
  const result = (body as { result?: unknown } | null)?.result;
  if (typeof result !== 'string' || !VERDICTS.has(result as RegistryVerdict)) {
    throw new RegistryUnavailableError(`registry answered an unknown result`);
  }
  return result as RegistryVerdict;
}

/**
 * The outside registry: `POST {url}/snils`, `{url}/passport` and the link checks of
 * `LINK_CHECK_PATHS` (API.md), 5 s timeout. A 5xx,
 * a timeout or an unreadable answer throws, so the job is retried instead of rejecting.
 */
export class HttpPersonRegistry extends PersonRegistry {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = REGISTRY_TIMEOUT_MS,
  ) {
    super();
  }

  checkSnils(request: SnilsCheckRequest): Promise<RegistryVerdict> {
    const { snils, lastName, firstName, middleName, birthDate } = request;
    return this.post('snils', { snils, lastName, firstName, middleName, birthDate });
  }

  checkPassport(request: PassportCheckRequest): Promise<RegistryVerdict> {
    const { series, number, issuedAt, lastName, firstName, middleName, birthDate } = request;
    return this.post('passport', {
      series,
      number,
      issuedAt,
      lastName,
      firstName,
      middleName,
      birthDate,
    });
  }

  checkLink(request: LinkCheckRequest): Promise<RegistryVerdict> {
    const { kind, ...body } = request;
    return this.post(LINK_CHECK_PATHS[kind], body);
  }

  private async post(path: string, body: Record<string, unknown>): Promise<RegistryVerdict> {
    let response: Response;
    let parsed: unknown;
    try {
      response = await fetch(`${this.baseUrl.replace(/\/+$/, '')}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      parsed = await response.json().catch(() => null);
    } catch (error) {
      throw new RegistryUnavailableError(`registry unreachable: ${(error as Error).message}`);
    }
    return verdictOf(response.status, parsed);
  }
}
