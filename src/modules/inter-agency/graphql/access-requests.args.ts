import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { AccessRequestStatus } from '../inter-agency.enums';

@ArgsType()
export class AccessRequestsArgs {
  @Field(() => AccessRequestStatus, {
    nullable: true,
    description: 'One status; all when omitted.',
  })
  @IsOptional()
  @IsEnum(AccessRequestStatus)
  status?: AccessRequestStatus;
}
