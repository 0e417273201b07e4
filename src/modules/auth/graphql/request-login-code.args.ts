import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';

/** Arguments of `requestLoginCode`. */
@ArgsType()
export class RequestLoginCodeArgs {
  @Field({ description: 'Phone, or an employee login `<organization INN>/<personnel number>`.' })
  @IsString()
  @MaxLength(254)
  login!: string;
}
