import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

/** Arguments of `removeEmployee`. */
@ArgsType()
export class MembershipIdArgs {
  @Field(() => ID, { description: 'A membership of the current organization.' })
  @IsUUID()
  membershipId!: string;
}
