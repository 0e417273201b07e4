import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional, IsString } from 'class-validator';
import { PaginationArgs } from '../../../shared/graphql/connection';
import { DateScalar } from '../../../shared/graphql/date.scalar';

@ArgsType()
export class RemoteWorkReportsArgs extends PaginationArgs {
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Only reports for this reporting week (its deadline Monday).',
  })
  @IsOptional()
  @IsString()
  week?: string;
}
