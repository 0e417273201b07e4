import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public } from '../../../shared/auth';
import { CurrentClient } from '../client-info.decorator';
import type { ClientInfo } from '../client-info.decorator';
import { AuthPayload } from '../graphql/auth.payload';
import { FederatedLoginService } from './federated-login.service';
import { CompleteFederatedLoginArgs } from './graphql/complete-federated-login.args';
import { FederatedLoginStartArgs } from './graphql/federated-login-start.args';
import { FederatedLoginStart } from './graphql/federated-login-start.type';

@Resolver()
export class FederatedLoginResolver {
  constructor(private readonly federated: FederatedLoginService) {}

  @Public()
  @Query(() => FederatedLoginStart, {
    description:
      'Starts a Gosuslugi (OpenID Connect) sign-in for one of the allowed redirect URIs (BAD_USER_INPUT otherwise, or when federated sign-in is not configured).',
  })
  federatedLoginStart(@Args() args: FederatedLoginStartArgs): Promise<FederatedLoginStart> {
    return this.federated.start(args.redirectUri);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Completes a Gosuslugi sign-in with the code and state the provider returned, and the clientBinding federatedLoginStart gave this client (required unless OIDC_REQUIRE_BINDING=false; missing or wrong: UNAUTHENTICATED / FEDERATED_BINDING_INVALID): signs in the linked account, or the one with that verified SNILS or confirmed phone, or a new one. A trusted provider account confirms the SNILS. An unknown, expired or used state, or a code the provider refuses, gives UNAUTHENTICATED.',
  })
  completeFederatedLogin(
    @Args() args: CompleteFederatedLoginArgs,
    @CurrentClient() client: ClientInfo,
  ): Promise<AuthPayload> {
    return this.federated.complete(args.code, args.state, client, args.clientBinding);
  }
}
