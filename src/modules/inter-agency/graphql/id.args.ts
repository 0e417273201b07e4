import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@ArgsType()
export class InterAgencyIdArgs {
  @Field(() => ID, { description: 'The id.' })
  @IsUUID('all', { message: 'Неверный идентификатор' })
  id!: string;
}
