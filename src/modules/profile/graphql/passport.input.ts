import { Field, InputType } from '@nestjs/graphql';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DateScalar } from '../../../shared/graphql/date.scalar';

@InputType({ description: 'A passport of a citizen of Russia to check.' })
export class PassportInput {
  @Field({ description: 'Series: 4 digits (spaces allowed).' })
  @IsString()
  @Matches(/^\s*\d{2}\s?\d{2}\s*$/, { message: 'Серия паспорта: 4 цифры' })
  series!: string;

  @Field({ description: 'Number: 6 digits.' })
  @IsString()
  @Matches(/^\s*\d{6}\s*$/, { message: 'Номер паспорта: 6 цифр' })
  number!: string;

  @Field(() => DateScalar, { description: 'Date of issue.' })
  @IsString()
  issuedAt!: string;

  @Field({ description: 'Issuing authority.' })
  @IsString()
  @MinLength(3, { message: 'Укажите, кем выдан паспорт' })
  @MaxLength(300, { message: 'Не длиннее 300 символов' })
  issuedBy!: string;
}
