import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

/** Arguments of `removeEmployee`, `acceptMembership` and `declineMembership`. */
@ArgsType()
export class MembershipIdArgs {
  @Field(() => ID, {
    description: 'A membership of the current organization, or (to answer) my invitation.',
  })
  @IsUUID()
  membershipId!: string;
}
