import {
  ALL_SCOPES,
  checkClientScopes,
  grantScopes,
  ORGANIZATION_SCOPES,
  parseScopeParameter,
} from './api-client-scopes';

describe('API client scopes', () => {
  describe(checkClientScopes.name, () => {
    it('should accept known scopes once each, in canonical order', () => {
      expect(
        checkClientScopes(['reports:write', 'reports:read', 'reports:write'], ORGANIZATION_SCOPES),
      ).toEqual({ ok: true, scopes: ['reports:read', 'reports:write'] });
    });

    it('should name the scopes an organization may not give', () => {
      expect(checkClientScopes(['reports:read', 'events:write'], ORGANIZATION_SCOPES)).toEqual({
        ok: false,
        unknown: ['events:write'],
      });
      expect(checkClientScopes(['admin'], ALL_SCOPES)).toEqual({ ok: false, unknown: ['admin'] });
    });

    it('should let the CLI give platform scopes', () => {
      expect(checkClientScopes(['messages:write', 'events:write'], ALL_SCOPES)).toEqual({
        ok: true,
        scopes: ['events:write', 'messages:write'],
      });
    });

    it('should refuse an empty list', () => {
      expect(checkClientScopes([], ALL_SCOPES)).toEqual({ ok: false, unknown: [] });
    });
  });

  describe(parseScopeParameter.name, () => {
    it('should split on spaces and drop repeats', () => {
      expect(parseScopeParameter('reports:read  reports:write reports:read')).toEqual([
        'reports:read',
        'reports:write',
      ]);
    });

    it('should refuse characters outside scope-token (RFC 6749 §3.3)', () => {
      expect(parseScopeParameter('reports:read,reports:write')).toEqual([
        'reports:read,reports:write',
      ]);
      expect(parseScopeParameter('reports:"read"')).toBeNull();
      expect(parseScopeParameter('reports\\read')).toBeNull();
      expect(parseScopeParameter('отчёты')).toBeNull();
      expect(parseScopeParameter('   ')).toBeNull();
    });
  });

  describe(grantScopes.name, () => {
    const client = ['reports:read', 'reports:write'];

    it('should grant all of the client’s scopes when none are asked for', () => {
      expect(grantScopes(client)).toEqual(client);
    });

    it('should grant a subset that was asked for', () => {
      expect(grantScopes(client, 'reports:read')).toEqual(['reports:read']);
      expect(grantScopes(client, 'reports:write reports:read')).toEqual(client);
    });

    it('should refuse a scope beyond the client’s or a malformed parameter', () => {
      expect(grantScopes(['reports:read'], 'reports:read reports:write')).toBeNull();
      expect(grantScopes(client, 'events:write')).toBeNull();
      expect(grantScopes(client, 'reports:"read"')).toBeNull();
    });
  });
});
