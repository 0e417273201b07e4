import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { OrgSystem } from '../organization.enums';

@ObjectType({
  description: 'An employee’s access to one system («Доверенности и доступы»), until `expiresAt`.',
})
export class AccessGrant {
  @Field(() => ID, { description: 'The grant id (for `revokeAccess`).' })
  id!: string;

  @Field(() => OrgSystem, { description: 'The system the employee may reach.' })
  system!: OrgSystem;

  @Field(() => GraphQLISODateTime, { description: 'When the grant was given or last renewed.' })
  grantedAt!: Date;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When it ends (checked at every request); null: until revoked.',
  })
  expiresAt!: Date | null;
}
