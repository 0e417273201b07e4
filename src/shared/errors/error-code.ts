import { registerEnumType } from '@nestjs/graphql';

/** `extensions.code` of every error Kabinet returns (besides Apollo's own for malformed operations). */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  PROFILE_INCOMPLETE = 'PROFILE_INCOMPLETE',
  ORGANIZATION_CONTEXT_REQUIRED = 'ORGANIZATION_CONTEXT_REQUIRED',
  RATE_LIMITED = 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

registerEnumType(ErrorCode, {
  name: 'ErrorCode',
  description:
    'The `extensions.code` of an error. Clients branch on it (and on `subCode`), never on the message.',
});
