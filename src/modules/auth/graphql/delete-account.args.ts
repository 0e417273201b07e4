import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { PASSWORD_INPUT_MAX } from './args.constants';

/** Arguments of `deleteAccount`. */
@ArgsType()
export class DeleteAccountArgs {
  @Field({ description: 'The account password, to confirm.' })
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  password!: string;
}
