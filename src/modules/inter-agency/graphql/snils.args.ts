import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';

@ArgsType()
export class SnilsArgs {
  @Field({ description: 'SNILS, with or without separators.' })
  @IsString()
  @MaxLength(20, { message: 'Неверный СНИЛС' })
  snils!: string;
}
