/** RFC 6749 §5.2 error codes used by the token endpoint. */
export type OAuthErrorCode =
  'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope';

/** The JSON body of an error answer (RFC 6749 §5.2). */
export interface OAuthErrorBody {
  error: OAuthErrorCode;
  error_description: string;
}

/**
 * A refusal of the token endpoint, answered as RFC 6749 §5.2 prescribes. Descriptions are
 * English ASCII on purpose: §5.2 allows only %x20-21 / %x23-5B / %x5D-7E in error_description,
 * and the reader is an integrator's developer, not a portal user.
 */
export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly status = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.name = 'OAuthError';
  }

  get body(): OAuthErrorBody {
    return { error: this.error, error_description: this.description };
  }

  static invalidRequest(description: string): OAuthError {
    return new OAuthError('invalid_request', description);
  }

  /** 401; with `WWW-Authenticate: Basic` when the client tried HTTP Basic (RFC 6749 §5.2). */
  static invalidClient(basic: boolean, description = 'Client authentication failed'): OAuthError {
    return new OAuthError(
      'invalid_client',
      description,
      401,
      basic ? { 'WWW-Authenticate': 'Basic realm="kabinet", charset="UTF-8"' } : {},
    );
  }

  static unsupportedGrantType(): OAuthError {
    return new OAuthError(
      'unsupported_grant_type',
      'Only grant_type=client_credentials is supported',
    );
  }

  static invalidScope(): OAuthError {
    return new OAuthError(
      'invalid_scope',
      'The requested scope is malformed or exceeds the scopes granted to the client',
    );
  }

  static tooManyAttempts(retryAfterSeconds: number): OAuthError {
    return new OAuthError(
      'invalid_request',
      `Too many failed client authentications; retry after ${retryAfterSeconds} seconds`,
      429,
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}
