import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AppException } from '../errors';
import { AuthPrincipal } from './auth-principal';
import { requestOf } from './request-context';

/** The authenticated caller; UNAUTHENTICATED when there is none. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthPrincipal => {
    const principal = requestOf(context).user;
    if (!principal) {
      throw AppException.unauthenticated();
    }
    return principal;
  },
);

/** The caller's organization context; ORGANIZATION_CONTEXT_REQUIRED for an individual's session. */
export const CurrentOrganization = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => {
    const principal = requestOf(context).user;
    if (!principal) {
      throw AppException.unauthenticated();
    }
    if (!principal.organizationId) {
      throw AppException.organizationContextRequired();
    }
    return principal.organizationId;
  },
);
