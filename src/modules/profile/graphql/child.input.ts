import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DateScalar } from '../../../shared/graphql/date.scalar';

@InputType({ description: 'A child to add to the profile.' })
export class ChildInput {
  @Field({ description: 'Surname.' })
  @IsString()
  @MinLength(1, { message: 'Укажите фамилию' })
  @MaxLength(100)
  lastName!: string;

  @Field({ description: 'Given name.' })
  @IsString()
  @MinLength(1, { message: 'Укажите имя' })
  @MaxLength(100)
  firstName!: string;

  @Field(() => String, { nullable: true, description: 'Patronymic.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  middleName?: string | null;

  @Field(() => DateScalar, { description: 'Date of birth.' })
  @IsString()
  birthDate!: string;

  @Field(() => String, { nullable: true, description: 'SNILS (checksum checked).' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  snils?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'School login (3–64 letters, digits, `.`, `_`, `-`); unique.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9._-]{2,63}$/, {
    message: 'Школьный логин: от 3 до 64 латинских букв, цифр и знаков . _ -, начиная с буквы',
  })
  schoolLogin?: string | null;
}
