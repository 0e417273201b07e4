import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal } from '../../../shared/auth';
import { ApiClientSecret } from '../graphql/api-client-secret.type';
import { ApiClient } from '../graphql/api-client.type';
import { CreateApiClientArgs } from '../graphql/create-api-client.args';
import { IdArgs } from '../graphql/id.args';
import { ApiClientService } from './api-client.service';

@Resolver(() => ApiClient)
export class ApiClientResolver {
  constructor(private readonly apiClientService: ApiClientService) {}

  @Query(() => [ApiClient], {
    description:
      'The organization’s API clients, revoked ones included, newest first (HEAD and ADMIN only).',
  })
  apiClients(@CurrentUser() principal: AuthPrincipal): Promise<ApiClient[]> {
    return this.apiClientService.list(principal);
  }

  @Mutation(() => ApiClientSecret, {
    description:
      'Makes an OAuth client of the organization (HEAD and ADMIN only); its secret is shown this once. BAD_USER_INPUT (field `scopes`) for scopes other than `reports:read`, `reports:write`.',
  })
  createApiClient(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: CreateApiClientArgs,
  ): Promise<ApiClientSecret> {
    return this.apiClientService.create(principal, args.name, args.scopes);
  }

  @Mutation(() => Boolean, {
    description:
      'Revokes a client of the organization: its tokens stop working at once, it gets no new ones (NOT_FOUND for any other id).',
  })
  async revokeApiClient(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: IdArgs,
  ): Promise<boolean> {
    await this.apiClientService.revoke(principal, args.id);
    return true;
  }
}
