import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';

/** Arguments of `refreshToken`. */
@ArgsType()
export class RefreshTokenArgs {
  @Field({ description: 'The refresh token of the last sign-in or refresh.' })
  @IsString()
  @MaxLength(200)
  refreshToken!: string;
}
