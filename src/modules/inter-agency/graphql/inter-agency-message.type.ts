import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import { Environment, MessageStatus } from '../inter-agency.enums';

@ObjectType({
  description:
    'A message of the exchange as the monitor sees it; visible to the consumer’s and the provider’s organizations only.',
})
export class InterAgencyMessage {
  @Field({ description: 'The exchange’s message id.' })
  messageId!: string;

  @Field(() => Environment, { description: 'The environment it travels in.' })
  environment!: Environment;

  @Field(() => MessageStatus, { description: 'The latest status by event time.' })
  status!: MessageStatus;

  @Field(() => GraphQLISODateTime, { description: 'Time of its earliest event.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'Time of its latest event.' })
  updatedAt!: Date;

  /** Row id: the keyset position's tie-breaker. */
  id!: string;
  dataKindId!: string;
  consumerSystemId!: string;
  providerSystemId!: string | null;
  consumerOrganizationId!: string;
  providerOrganizationId!: string | null;
}
