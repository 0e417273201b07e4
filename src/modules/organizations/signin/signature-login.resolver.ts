import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Public } from '../../../shared/auth';
import { AuthPayload, CurrentClient } from '../../auth';
import type { ClientInfo } from '../../auth';
import { LoginWithSignatureArgs } from '../graphql/login-with-signature.args';
import { SignatureChallenge } from '../graphql/signature-challenge.type';
import { SignatureLoginService } from './signature-login.service';

@Resolver()
export class SignatureLoginResolver {
  constructor(private readonly signIn: SignatureLoginService) {}

  @Public()
  @Mutation(() => SignatureChallenge, {
    description:
      'A single-use nonce to sign with a qualified certificate (valid SIGNATURE_CHALLENGE_TTL_SECONDS).',
  })
  requestSignatureChallenge(@CurrentClient() client: ClientInfo): Promise<SignatureChallenge> {
    return this.signIn.requestChallenge(client);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Signs in for an organization with a qualified e-signature: the first sign-in creates the organization with the signer as HEAD. Refusals are UNAUTHENTICATED with `extensions.reason`, or PROFILE_INCOMPLETE.',
  })
  loginWithSignature(
    @Args() args: LoginWithSignatureArgs,
    @CurrentClient() client: ClientInfo,
  ): Promise<AuthPayload> {
    return this.signIn.login(args, client);
  }
}
