import { Controller, Header, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import type { Request } from 'express';
import { Public } from '../../../shared/auth';
import { OAuthErrorFilter } from './oauth-error.filter';
import { OAuthTokenService, TokenResponse } from './oauth-token.service';

/** The OAuth 2.0 token endpoint for integrators (client credentials grant only). */
@Controller('oauth')
export class OAuthTokenController {
  constructor(private readonly tokens: OAuthTokenService) {}

  // Public: the client authenticates with its own credentials, not with an access token.
  @Public()
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
