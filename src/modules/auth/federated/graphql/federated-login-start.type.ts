import { Field, ObjectType } from '@nestjs/graphql';

/** Where to send the browser to sign in at the OpenID Connect provider. */
@ObjectType({
  description:
    'A started Gosuslugi (OpenID Connect) sign-in: send the browser to `url`; the provider returns it to the redirect URI with `code` and `state` for `completeFederatedLogin`.',
})
export class FederatedLoginStart {
  @Field({
    description:
      "The provider's authorization URL (code flow with PKCE, state and nonce); valid for 10 minutes.",
  })
  url!: string;

  @Field({
    description:
      'Opaque, single-use value the provider sends back with the code; compare it before calling `completeFederatedLogin`.',
  })
  state!: string;

  @Field({
    description:
      'Secret binding this sign-in to the client that started it: keep it (not in the redirect URL) and pass it to `completeFederatedLogin`.',
  })
  clientBinding!: string;
}
