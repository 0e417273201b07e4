import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { Environment } from '../inter-agency.enums';

@ArgsType()
export class HeldMessageEventsArgs {
  @Field(() => Environment, { nullable: true, description: 'One environment; both when omitted.' })
  @IsOptional()
  @IsEnum(Environment)
  environment?: Environment;
}
