import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A single-use nonce to sign for `loginWithSignature`.' })
export class SignatureChallenge {
  @Field(() => ID, { description: 'Pass as `challengeId`.' })
  id!: string;

  @Field({ description: 'Sign its UTF-8 bytes with the qualified certificate’s key.' })
  nonce!: string;

  @Field(() => GraphQLISODateTime, {
    description: 'After this the challenge is refused (CHALLENGE_EXPIRED).',
  })
  expiresAt!: Date;
}
