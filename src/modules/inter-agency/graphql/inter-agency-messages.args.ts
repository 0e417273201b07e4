import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { PaginationArgs } from '../../../shared/graphql/connection';
import { InterAgencyMessageFilter } from './inter-agency-message.filter';

@ArgsType()
export class InterAgencyMessagesArgs extends PaginationArgs {
  @Field(() => InterAgencyMessageFilter, {
    nullable: true,
    description: 'Filter; all when omitted.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => InterAgencyMessageFilter)
  filter?: InterAgencyMessageFilter;
}
