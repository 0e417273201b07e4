import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

/** Arguments of `selectOrganization`. */
@ArgsType()
export class OrganizationIdArgs {
  @Field(() => ID, { description: 'An organization from `myOrganizations`.' })
  @IsUUID()
  organizationId!: string;
}
