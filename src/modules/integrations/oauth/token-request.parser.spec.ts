import { OAuthError } from './oauth.error';
import { parseBasicCredentials, parseTokenRequest } from './token-request.parser';

const basic = (id: string, secret: string) =>
  'Basic ' + Buffer.from(`${id}:${secret}`).toString('base64');
// RFC 6749 §2.3.1: form-urlencode, then Basic.
const formEncode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');

function refusal(run: () => unknown): Pick<OAuthError, 'error' | 'status' | 'headers'> {
  try {
    run();
  } catch (error) {
    if (error instanceof OAuthError) {
      return { error: error.error, status: error.status, headers: error.headers };
    }
    throw error;
  }
  throw new Error('expected an OAuthError');
}

describe(parseBasicCredentials.name, () => {
  it('should read id and secret', () => {
    expect(parseBasicCredentials(basic('kbn_1', 'kbs_2'))).toEqual({
      clientId: 'kbn_1',
      clientSecret: 'kbs_2',
    });
    expect(parseBasicCredentials('basic ' + Buffer.from('a:b').toString('base64'))).toEqual({
      clientId: 'a',
      clientSecret: 'b',
    });
  });

  it('should form-decode both parts, so ":" and "+" survive in the secret', () => {
    const secret = 'p:a+ss w%rd/Ж';
    expect(parseBasicCredentials(basic(formEncode('id:1'), formEncode(secret)))).toEqual({
      clientId: 'id:1',
      clientSecret: secret,
    });
    expect(parseBasicCredentials(basic('a+b', 'c'))?.clientId).toBe('a b');
  });

  it('should split at the first colon only', () => {
    expect(parseBasicCredentials(basic('id', 'se:cret'))).toEqual({
      clientId: 'id',
      clientSecret: 'se:cret',
    });
  });

  it('should refuse what is not a well-formed Basic credential', () => {
    expect(parseBasicCredentials('Bearer abc')).toBeNull();
    expect(parseBasicCredentials('Basic')).toBeNull();
    expect(parseBasicCredentials('Basic !!!')).toBeNull();
    expect(parseBasicCredentials('Basic ' + Buffer.from('no-colon').toString('base64'))).toBeNull();
    expect(parseBasicCredentials(basic('', 'secret'))).toBeNull();
    expect(parseBasicCredentials(basic('%E0%A4%A', 'secret'))).toBeNull();
  });
});

describe(parseTokenRequest.name, () => {
  const grant = { grant_type: 'client_credentials' };

  it('should take client_secret_basic', () => {
    expect(
      parseTokenRequest({
        authorization: basic('a', 'b'),
        form: true,
        body: { ...grant, scope: 'reports:read' },
      }),
    ).toEqual({
      clientId: 'a',
      clientSecret: 'b',
      authMethod: 'client_secret_basic',
      scope: 'reports:read',
    });
  });

  it('should take client_secret_post', () => {
    expect(
      parseTokenRequest({ form: true, body: { ...grant, client_id: 'a', client_secret: 'b' } }),
    ).toEqual({
      clientId: 'a',
      clientSecret: 'b',
      authMethod: 'client_secret_post',
      scope: undefined,
    });
  });

  it('should treat empty parameters as omitted', () => {
    expect(
      parseTokenRequest({
        form: true,
        body: { ...grant, client_id: 'a', client_secret: 'b', scope: '' },
      }).scope,
    ).toBeUndefined();
  });

  it('should refuse a body that is not a form, a missing grant_type and repeated parameters', () => {
    expect(refusal(() => parseTokenRequest({ form: false, body: grant })).error).toBe(
      'invalid_request',
    );
    expect(refusal(() => parseTokenRequest({ form: true, body: {} })).error).toBe(
      'invalid_request',
    );
    expect(
      refusal(() =>
        parseTokenRequest({
          form: true,
          body: { ...grant, client_id: ['a', 'b'], client_secret: 'c' },
        }),
      ).error,
    ).toBe('invalid_request');
  });

  it('should answer unsupported_grant_type for other grants', () => {
    expect(
      refusal(() =>
        parseTokenRequest({
          authorization: basic('a', 'b'),
          form: true,
          body: { grant_type: 'password' },
        }),
      ),
    ).toMatchObject({ error: 'unsupported_grant_type', status: 400 });
  });

  it('should refuse two authentication methods at once', () => {
    expect(
      refusal(() =>
        parseTokenRequest({
          authorization: basic('a', 'b'),
          form: true,
          body: { ...grant, client_secret: 'b' },
        }),
      ).error,
    ).toBe('invalid_request');
    expect(
      refusal(() =>
        parseTokenRequest({
          authorization: basic('a', 'b'),
          form: true,
          body: { ...grant, client_id: 'z' },
        }),
      ).error,
    ).toBe('invalid_request');
  });

  it('should answer invalid_client (401) without credentials, with WWW-Authenticate for bad Basic', () => {
    expect(
      refusal(() => parseTokenRequest({ form: true, body: { ...grant, client_id: 'a' } })),
    ).toEqual({
      error: 'invalid_client',
      status: 401,
      headers: {},
    });
    const bad = refusal(() =>
      parseTokenRequest({ authorization: 'Basic ???', form: true, body: grant }),
    );
    expect(bad).toMatchObject({ error: 'invalid_client', status: 401 });
    expect(bad.headers['WWW-Authenticate']).toMatch(/^Basic /);
  });
});
