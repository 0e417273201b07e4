import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DateScalar } from '../../../shared/graphql/date.scalar';

const NAME = /^[А-ЯЁа-яёA-Za-z][А-ЯЁа-яёA-Za-z '-]*$/;
const NAME_MESSAGE = 'Только буквы, пробел, дефис и апостроф';

@InputType({ description: 'Profile changes: only the fields given are changed; null clears.' })
export class UpdateProfileInput {
  @Field(() => String, { nullable: true, description: 'Surname.' })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'Укажите фамилию' })
  @MaxLength(100, { message: 'Не длиннее 100 символов' })
  @Matches(NAME, { message: NAME_MESSAGE })
  lastName?: string;

  @Field(() => String, { nullable: true, description: 'Given name.' })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'Укажите имя' })
  @MaxLength(100, { message: 'Не длиннее 100 символов' })
  @Matches(NAME, { message: NAME_MESSAGE })
  firstName?: string;

  @Field(() => String, { nullable: true, description: 'Patronymic; null clears it.' })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'Не длиннее 100 символов' })
  @Matches(NAME, { message: NAME_MESSAGE })
  middleName?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date of birth.' })
  @IsOptional()
  @IsString()
  birthDate?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'E-mail: only the current address is accepted (no change); anything else is BAD_USER_INPUT / EMAIL_CHANGE_NEEDS_CONFIRMATION, use requestEmailChange.',
  })
  @IsOptional()
  @IsEmail({}, { message: 'Неверный адрес электронной почты' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Address of residence.' })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'Не длиннее 500 символов' })
  address?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Driver licence: 10 characters, `77 АБ 123456` or digits.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\s*\d{2}\s?[\dА-ЯЁA-Z]{2}\s?\d{6}\s*$/iu, {
    message: 'Водительское удостоверение: 10 знаков, например 77 АВ 123456',
  })
  driverLicense?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Payer code of the single payment document: 10 digits.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\s*\d{10}\s*$/, { message: 'Код плательщика: 10 цифр' })
  payerCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Electricity account number: 5 to 20 digits.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\s*\d{5,20}\s*$/, { message: 'Лицевой счёт за электроэнергию: от 5 до 20 цифр' })
  electricityAccount?: string | null;

  @Field(() => String, { nullable: true, description: 'OMS policy number: 16 digits.' })
  @IsOptional()
  @IsString()
  @Matches(/^\s*\d{16}\s*$/, { message: 'Полис ОМС: 16 цифр' })
  omsPolicy?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Issue date of the driver licence: with the number and my name it proves the licence.',
  })
  @IsOptional()
  @IsString()
  driverLicenseIssuedAt?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The check code printed on the housing bill beside the payer code: it proves the payer code.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\s*[\dA-Za-z]{2,16}\s*$/, { message: 'Проверочный код: от 2 до 16 букв и цифр' })
  payerCodeCheck?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The check code printed on the electricity bill: it proves the electricity account.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\s*[\dA-Za-z]{2,16}\s*$/, { message: 'Проверочный код: от 2 до 16 букв и цифр' })
  electricityAccountCheck?: string | null;
}
