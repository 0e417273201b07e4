import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { requestOf } from '../../shared/auth';

/** Where a request comes from, as recorded on sessions and used for per-IP limits. */
export interface ClientInfo {
  /** Express `req.ip` (honours TRUST_PROXY); the socket address over graphql-ws. */
  ip: string | null;
  userAgent: string | null;
}

const USER_AGENT_MAX = 512;

/** The caller's IP and user agent. */
export const CurrentClient = createParamDecorator(
  (_: unknown, context: ExecutionContext): ClientInfo => {
    const req = requestOf(context);
    const agent = req.headers?.['user-agent'];
    return {
      ip: typeof req.ip === 'string' && req.ip !== '' ? req.ip : null,
      userAgent: typeof agent === 'string' ? agent.slice(0, USER_AGENT_MAX) : null,
    };
  },
);
