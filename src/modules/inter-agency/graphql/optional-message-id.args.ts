import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';

@ArgsType()
export class OptionalMessageIdArgs {
  @Field(() => String, { nullable: true, description: 'Follow one message only.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  messageId?: string;
}
