import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { MemberRole, MembershipStatus } from '../organization.enums';

/** A membership as GraphQL sees it; `person`, `organization` and `grants` by field resolvers. */
@ObjectType({ description: 'A person’s place in the organization, or an invitation to it.' })
export class Membership {
  @Field(() => ID, {
    description:
      'The membership id (for `removeEmployee`, `grantAccess`, `acceptMembership`, `declineMembership`).',
  })
  id!: string;

  @Field(() => MemberRole, { description: 'HEAD, ADMIN or EMPLOYEE.' })
  role!: MemberRole;

  @Field(() => MembershipStatus, {
    description:
      'INVITED until the person accepts: until then `person` carries no name (see `invitedAs`), and the person can neither sign in for the organization nor get grants.',
  })
  status!: MembershipStatus;

  @Field(() => String, {
    nullable: true,
    description:
      'The phone or SNILS the organization invited the person by, masked (`+7 *** ***-45-67`, `***-***-*** 64`); null for members who were not invited.',
  })
  invitedAs!: string | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      'When an unanswered invitation lapses (14 days after it was sent); null once answered.',
  })
  invitationExpiresAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Personnel number, unique in the organization; the employee login is `<INN>/<it>`.',
  })
  personnelNumber!: string | null;

  @Field(() => GraphQLISODateTime, {
    description: 'When the person joined, or was invited.',
  })
  createdAt!: Date;

  /** The member's account, for the `person` field. */
  userId!: string;

  /** For the `organization` field. */
  organizationId!: string;
}
