import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { MemberRole, OrganizationType } from '../organization.enums';

@ObjectType({ description: 'A legal entity or a sole proprietor with an account on the portal.' })
export class Organization {
  @Field(() => ID, { description: 'The organization id.' })
  id!: string;

  @Field(() => OrganizationType, { description: 'Legal entity or sole proprietor.' })
  type!: OrganizationType;

  @Field({ description: 'INN: 10 digits for a legal entity, 12 for a sole proprietor.' })
  inn!: string;

  @Field({ description: 'OGRN (13 digits) or OGRNIP (15 digits).' })
  ogrn!: string;

  @Field(() => String, { nullable: true, description: 'KPP of a legal entity, when known.' })
  kpp!: string | null;

  @Field({ description: 'Full name (from the qualified certificate at the first sign-in).' })
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'Short name, when known.' })
  shortName!: string | null;

  @Field(() => MemberRole, {
    nullable: true,
    description: 'The caller’s role in this organization; null when the caller is not a member.',
  })
  myRole!: MemberRole | null;

  @Field(() => GraphQLISODateTime, {
    description: 'When the organization was registered on the portal.',
  })
  createdAt!: Date;
}
