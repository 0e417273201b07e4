import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

/** Arguments of `revokeSession`. */
@ArgsType()
export class RevokeSessionArgs {
  @Field(() => ID, { description: 'One of the ids `sessions` lists.' })
  @IsUUID()
  sessionId!: string;
}
