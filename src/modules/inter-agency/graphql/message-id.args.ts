import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';

@ArgsType()
export class MessageIdArgs {
  @Field({ description: 'The exchange’s message id.' })
  @IsString()
  @MaxLength(100)
  messageId!: string;
}
