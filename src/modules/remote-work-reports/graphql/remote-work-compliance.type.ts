import { Field, Float, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../../shared/graphql/date.scalar';
import { RemoteWorkReport } from './remote-work-report.type';

@ObjectType({
  description: 'Whether the organization met its remote-work reporting duty for one week.',
})
export class RemoteWorkCompliance {
  @Field(() => DateScalar, { description: 'The reporting week (its deadline Monday).' })
  week!: string;

  @Field(() => GraphQLISODateTime, {
    description: 'The deadline: the Monday 23:59:59 Moscow time, or as extended by the operator.',
  })
  deadline!: Date;

  @Field({ description: 'An accepted or partially accepted report exists for the week.' })
  submitted!: boolean;

  @Field({ description: 'The report that counts was received by the deadline.' })
  onTime!: boolean;

  @Field(() => Float, {
    nullable: true,
    description: 'Remote employees / total employees of the report that counts (null without one).',
  })
  remoteShare!: number | null;

  @Field({ description: 'remoteShare is at least the required share (REMOTE_SHARE_REQUIRED).' })
  meetsRequirement!: boolean;

  @Field(() => RemoteWorkReport, {
    nullable: true,
    description: 'The report that counts: the latest accepted or partially accepted one.',
  })
  report!: RemoteWorkReport | null;
}
