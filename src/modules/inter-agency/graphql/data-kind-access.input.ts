import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';
import { ExchangeRole } from '../inter-agency.enums';

@InputType({
  description: 'A request for access to a kind of data for one of the caller’s systems.',
})
export class DataKindAccessInput {
  @Field(() => ID, { description: 'The kind of data.' })
  @IsUUID('all', { message: 'Неверный идентификатор вида сведений' })
  dataKindId!: string;

  @Field(() => ID, { description: 'The caller’s system; the request is in its environment.' })
  @IsUUID('all', { message: 'Неверный идентификатор системы' })
  systemId!: string;

  @Field(() => ExchangeRole, { description: 'CONSUMER or PROVIDER.' })
  @IsEnum(ExchangeRole)
  role!: ExchangeRole;
}
