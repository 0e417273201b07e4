import { ArgsType, Field } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/** Arguments of `createApiClient`. */
@ArgsType()
export class CreateApiClientArgs {
  @Field({ description: 'What the client is for (1 to 100 characters).' })
  @IsString()
  @Matches(/\S/, { message: 'Укажите название клиента' })
  @MaxLength(100, { message: 'Название — не длиннее 100 символов' })
  name!: string;

  @Field(() => [String], { description: 'Scopes to give: `reports:read`, `reports:write`.' })
  @ArrayNotEmpty({ message: 'Укажите хотя бы одно разрешение' })
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  scopes!: string[];
}
