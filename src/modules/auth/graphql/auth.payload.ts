import { Field, Int, ObjectType } from '@nestjs/graphql';
import { User } from './user.type';

/** The answer of every sign-in: tokens and who signed in. */
@ObjectType({ description: 'Tokens of a new or refreshed session, and its account.' })
export class AuthPayload {
  @Field({
    description:
      'JWT for `Authorization: Bearer …` (and graphql-ws `connectionParams.authorization`); lives `expiresIn` seconds.',
  })
  accessToken!: string;

  @Field({
    description:
      'Opaque token for `refreshToken`; single use: each refresh returns a new one, and presenting a used one ends the session.',
  })
  refreshToken!: string;

  @Field(() => Int, { description: 'Seconds until the access token expires.' })
  expiresIn!: number;

  @Field(() => User, { description: 'The signed-in account.' })
  user!: User;

  /**
   * The session's organization context, for the organizations module's `organization` field
   * (resolved there; it owns the Organization type).
   */
  organizationId!: string | null;
}
