import { Field, GraphQLISODateTime, InputType } from '@nestjs/graphql';
import { IsDate, IsEnum, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Environment, MessageStatus } from '../inter-agency.enums';

@InputType({ description: 'One status event of a message, as reported by the exchange.' })
export class MessageEventInput {
  @Field({ description: 'The exchange’s message id: printable ASCII, 1–100 characters.' })
  @IsString()
  @Matches(/^[\x21-\x7e]{1,100}$/, { message: 'Идентификатор сообщения: 1–100 символов ASCII' })
  messageId!: string;

  @Field({ description: 'Namespace URI of the kind of data.' })
  @IsString()
  @MaxLength(400)
  dataKindNamespaceUri!: string;

  @Field({ description: 'Mnemonic of the consumer system (in `environment`).' })
  @IsString()
  @MaxLength(50)
  consumerMnemonic!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Mnemonic of the provider system, once known.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  providerMnemonic?: string | null;

  @Field(() => Environment, { description: 'TEST or PROD.' })
  @IsEnum(Environment)
  environment!: Environment;

  @Field(() => MessageStatus, { description: 'The status reached.' })
  @IsEnum(MessageStatus)
  status!: MessageStatus;

  @Field(() => GraphQLISODateTime, { description: 'When; kept to the millisecond.' })
  @IsDate()
  at!: Date;

  @Field(() => String, { nullable: true, description: 'Details, up to 1 000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  detail?: string | null;
}
