import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { MemberRole } from '../organization.enums';

/** A membership as GraphQL sees it; `person` and `grants` are resolved by field resolvers. */
@ObjectType({ description: 'A person’s place in the organization.' })
export class Membership {
  @Field(() => ID, { description: 'The membership id (for `removeEmployee`, `grantAccess`).' })
  id!: string;

  @Field(() => MemberRole, { description: 'HEAD, ADMIN or EMPLOYEE.' })
  role!: MemberRole;

  @Field(() => String, {
    nullable: true,
    description:
      'Personnel number, unique in the organization; the employee login is `<INN>/<it>`.',
  })
  personnelNumber!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the person joined.' })
  createdAt!: Date;

  /** The member's account, for the `person` field. */
  userId!: string;
}
