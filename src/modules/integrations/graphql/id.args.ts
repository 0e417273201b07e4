import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

/** Arguments of `revokeApiClient` and `deleteWebhook`. */
@ArgsType()
export class IdArgs {
  @Field(() => ID, { description: 'The id, as the list query returns it.' })
  @IsUUID()
  id!: string;
}
