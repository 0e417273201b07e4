import { Field, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';
import { IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Environment, MessageStatus } from '../inter-agency.enums';

@InputType({ description: 'What to look for among the organization’s messages.' })
export class InterAgencyMessageFilter {
  @Field(() => String, { nullable: true, description: 'One message id.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  messageId?: string;

  @Field(() => ID, { nullable: true, description: 'Messages of one kind of data.' })
  @IsOptional()
  @IsUUID('all', { message: 'Неверный идентификатор вида сведений' })
  dataKindId?: string;

  @Field(() => MessageStatus, {
    nullable: true,
    description: 'Messages whose latest status is this.',
  })
  @IsOptional()
  @IsEnum(MessageStatus)
  status?: MessageStatus;

  @Field(() => Environment, { nullable: true, description: 'One environment.' })
  @IsOptional()
  @IsEnum(Environment)
  environment?: Environment;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Messages whose earliest event is at or after this time.',
  })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Messages whose earliest event is before this time.',
  })
  @IsOptional()
  @IsDate()
  to?: Date;
}
