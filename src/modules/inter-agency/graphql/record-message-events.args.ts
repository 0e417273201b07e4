import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsArray, ValidateNested } from 'class-validator';
import { MessageEventInput } from './message-event.input';

@ArgsType()
export class RecordMessageEventsArgs {
  @Field(() => [MessageEventInput], { description: 'Up to 1 000 events, in any order.' })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MessageEventInput)
  events!: MessageEventInput[];
}
