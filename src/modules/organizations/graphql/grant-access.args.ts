import { ArgsType, Field, GraphQLISODateTime } from '@nestjs/graphql';
import { IsDate, IsEnum, IsOptional } from 'class-validator';
import { OrgSystem } from '../organization.enums';
import { MembershipIdArgs } from './membership-id.args';

/** Arguments of `grantAccess`. */
@ArgsType()
export class GrantAccessArgs extends MembershipIdArgs {
  @Field(() => OrgSystem, { description: 'The system to open to the member.' })
  @IsEnum(OrgSystem)
  system!: OrgSystem;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the access ends (in the future); omitted: until revoked.',
  })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;
}
