import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

/** Arguments of `revokeAccess`. */
@ArgsType()
export class GrantIdArgs {
  @Field(() => ID, { description: 'A grant of a member of the current organization.' })
  @IsUUID()
  grantId!: string;
}
