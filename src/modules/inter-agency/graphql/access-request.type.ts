import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { AccessRequestStatus, Environment, ExchangeRole } from '../inter-agency.enums';

@ObjectType({ description: 'A system’s request to consume or provide a kind of data.' })
export class AccessRequest {
  @Field(() => ID, { description: 'The request id.' })
  id!: string;

  @Field(() => ExchangeRole, { description: 'CONSUMER or PROVIDER.' })
  role!: ExchangeRole;

  @Field(() => Environment, { description: 'The requesting system’s environment.' })
  environment!: Environment;

  @Field(() => AccessRequestStatus, { description: 'Where the request is.' })
  status!: AccessRequestStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was rejected or revoked (or a note).',
  })
  reason!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When it was made.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When it was granted or rejected; once REVOKED, when it was revoked.',
  })
  decidedAt!: Date | null;

  dataKindId!: string;
  systemId!: string;
}
