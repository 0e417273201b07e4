import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** Arguments of `federatedLoginStart`. */
@ArgsType()
export class FederatedLoginStartArgs {
  @Field({
    description:
      'Where the provider returns the browser: exactly one of the allowed redirect URIs (OIDC_REDIRECT_URIS).',
  })
  @IsString()
  @MinLength(1, { message: 'Укажите адрес возврата' })
  @MaxLength(2000, { message: 'Адрес возврата слишком длинный' })
  redirectUri!: string;
}
