import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Environment, MessageStatus } from '../inter-agency.enums';

@ObjectType({
  description:
    'A message event held aside: its consumer or provider mnemonic names no ACTIVE system of the environment (unknown, or a registration still PENDING). Credited to nobody until that system is ACTIVE, then re-attributed.',
})
export class HeldMessageEvent {
  @Field(() => ID, { description: 'Id of the held event.' })
  id!: string;

  @Field(() => Environment, { description: 'The environment the event was reported in.' })
  environment!: Environment;

  @Field({ description: 'The exchange’s message id.' })
  messageId!: string;

  @Field({ description: 'Namespace URI of the kind of data.' })
  dataKindNamespaceUri!: string;

  @Field({ description: 'Mnemonic of the consumer system as reported.' })
  consumerMnemonic!: string;

  @Field(() => String, { nullable: true, description: 'Mnemonic of the provider system, if any.' })
  providerMnemonic!: string | null;

  @Field(() => MessageStatus, { description: 'The status reported.' })
  status!: MessageStatus;

  @Field(() => GraphQLISODateTime, { description: 'When (as reported by the exchange).' })
  at!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When the portal received it.' })
  receivedAt!: Date;
}
