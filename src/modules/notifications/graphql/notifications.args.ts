import { ArgsType, Field } from '@nestjs/graphql';
import { IsBoolean, IsOptional } from 'class-validator';
import { PaginationArgs } from '../../../shared/graphql/connection';

@ArgsType()
export class NotificationsArgs extends PaginationArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only the unread ones.' })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean | null;
}
