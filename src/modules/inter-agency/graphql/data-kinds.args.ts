import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationArgs } from '../../../shared/graphql/connection';

@ArgsType()
export class DataKindsArgs extends PaginationArgs {
  @Field(() => String, {
    nullable: true,
    description: 'A part of the name or of the namespace URI (case-insensitive).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
