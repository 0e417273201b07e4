/** Who an access token speaks for. */
export type PrincipalKind = 'user' | 'client';

/** Claims of a Kabinet access token (besides iss, aud, exp, iat). */
export interface AccessTokenClaims {
  sub: string;
  typ: PrincipalKind;
  sid?: string;
  org?: string;
  child?: string;
  rep?: boolean;
  scope?: string;
  jti?: string;
}

/** The caller of a request, built from a verified access token. */
export interface AuthPrincipal {
  kind: PrincipalKind;
  /** The account (users) or API client (integrators) id. */
  subject: string;
  userId: string | null;
  sessionId: string | null;
  organizationId: string | null;
  /** Set for a student session: it acts for this child only. */
  actingChildId: string | null;
  /** The session reaches the organization as a developer representative (TEST environment only). */
  developerRepresentative: boolean;
  scopes: string[];
}

/** Builds a principal from verified claims. */
export function principalFromClaims(claims: AccessTokenClaims): AuthPrincipal {
  return {
    kind: claims.typ,
    subject: claims.sub,
    userId: claims.typ === 'user' ? claims.sub : null,
    sessionId: claims.sid ?? null,
    organizationId: claims.org ?? null,
    actingChildId: claims.child ?? null,
    developerRepresentative: claims.rep === true,
    scopes: claims.scope ? claims.scope.split(' ').filter(Boolean) : [],
  };
}
