import { Controller, Header, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../../shared/auth';
import { OAuthErrorFilter } from './oauth-error.filter';
import { OAuthTokenService, TokenResponse } from './oauth-token.service';

/** The OAuth 2.0 token endpoint for integrators (client credentials grant only). */
const OAUTH_ERROR = {
  type: 'object',
  required: ['error', 'error_description'],
  properties: {
    error: {
      type: 'string',
      enum: ['invalid_request', 'invalid_client', 'unsupported_grant_type', 'invalid_scope'],
    },
    error_description: { type: 'string' },
  },
};

@ApiTags('integrators')
@Controller('oauth')
export class OAuthTokenController {
  constructor(private readonly tokens: OAuthTokenService) {}

  // Public: the client authenticates with its own credentials, not with an access token.
  @Public()
  @ApiOperation({
    summary: 'An access token for an OAuth client (client credentials grant, RFC 6749 §4.4)',
    description:
      'The client authenticates by HTTP Basic (client_secret_basic) or by the form fields ' +
      'client_id and client_secret (client_secret_post). Without `scope` the token carries ' +
      "all of the client's scopes. Failed authentications are limited per client_id and per IP " +
      '(OAUTH_MAX_FAILURES, OAUTH_MAX_FAILURES_PER_IP in 15 minutes); past the limit the answer ' +
      'is 429 with Retry-After, even for the right secret.',
  })
  @ApiSecurity('client_secret_basic')
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['grant_type'],
      properties: {
        grant_type: { type: 'string', enum: ['client_credentials'] },
        client_id: { type: 'string', description: 'client_secret_post only' },
        client_secret: { type: 'string', description: 'client_secret_post only' },
        scope: {
          type: 'string',
          description: 'Space-separated subset of the client scopes',
          examples: ['reports:read reports:write'],
        },
      },
    },
  })
  @ApiOkResponse({
    description: 'The token (RFC 6749 §5.1); Cache-Control: no-store.',
    schema: {
      type: 'object',
      required: ['access_token', 'token_type', 'expires_in', 'scope'],
      properties: {
        access_token: { type: 'string' },
        token_type: { type: 'string', enum: ['Bearer'] },
        expires_in: { type: 'integer', description: 'seconds' },
        scope: { type: 'string' },
      },
    },
  })
  @ApiResponse({
    status: 400,
    description: 'invalid_request, unsupported_grant_type or invalid_scope',
    schema: OAUTH_ERROR,
  })
  @ApiResponse({
    status: 401,
    description: 'invalid_client (WWW-Authenticate: Basic when HTTP Basic was used)',
    schema: OAUTH_ERROR,
  })
  @ApiResponse({
    status: 429,
    description: 'Too many failed authentications; Retry-After says when to try again',
    schema: OAUTH_ERROR,
  })
  @Post('token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  @UseFilters(OAuthErrorFilter)
  token(@Req() req: Request): Promise<TokenResponse> {
    return this.tokens.issue(
      {
        authorization: req.headers.authorization,
        form: typeof req.is('application/x-www-form-urlencoded') === 'string',
        body: req.body,
      },
      req.ip ?? null,
    );
  }
}
