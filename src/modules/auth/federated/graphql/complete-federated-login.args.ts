import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

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

  @Field(() => String, {
    nullable: true,
    description:
      'The `clientBinding` that `federatedLoginStart` returned to this client (kept by the client, never put in the redirect URL).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Параметр clientBinding слишком длинный' })
  clientBinding?: string | null;
}
