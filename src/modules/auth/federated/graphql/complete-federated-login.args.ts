import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** Arguments of `completeFederatedLogin`. */
@ArgsType()
export class CompleteFederatedLoginArgs {
  @Field({ description: 'The `code` parameter the provider added to the redirect URI.' })
  @IsString()
  @MinLength(1, { message: 'Укажите код авторизации' })
  @MaxLength(2000, { message: 'Код авторизации слишком длинный' })
  code!: string;

  @Field({ description: 'The `state` parameter the provider added to the redirect URI.' })
  @IsString()
  @MinLength(1, { message: 'Укажите параметр state' })
  @MaxLength(200, { message: 'Параметр state слишком длинный' })
  state!: string;
}
