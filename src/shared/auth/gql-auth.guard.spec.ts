import { Reflector } from '@nestjs/core';
import { AppException } from '../errors';
import { GqlAuthGuard } from './gql-auth.guard';

describe(GqlAuthGuard.name, () => {
  const guard = new GqlAuthGuard(new Reflector());
  const principal = { subject: 'u1' };

  it('should pass the principal a valid token gave', () => {
    expect(guard.handleRequest(null, principal, undefined)).toBe(principal);
  });

  it('should answer a bad or expired token as UNAUTHENTICATED with its reason', () => {
    expect(() => guard.handleRequest(null, false, new Error('invalid signature'))).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED', subCode: 'TOKEN_INVALID' }),
    );
    expect(() => guard.handleRequest(null, false, { name: 'TokenExpiredError' })).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED', subCode: 'TOKEN_EXPIRED' }),
    );
  });

  it('should pass on a refusal of Kabinet’s own checks as it is', () => {
    const ended = AppException.unauthenticated('Сеанс завершён, войдите снова', 'SESSION_ENDED');
    expect(() => guard.handleRequest(ended, false, undefined)).toThrow(ended);
  });

  it('should pass on a check that failed, not turn it into a sign-in failure', () => {
    const away = new Error('connect ECONNREFUSED 127.0.0.1:3306');
    expect(() => guard.handleRequest(away, false, undefined)).toThrow(away);
  });
});
