import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

@InputType({ description: 'A new kind of data on an ACTIVE system of the caller’s organization.' })
export class RegisterDataKindInput {
  @Field(() => ID, { description: 'The owner system.' })
  @IsUUID('all', { message: 'Неверный идентификатор системы' })
  ownerSystemId!: string;

  @Field({ description: 'Name, up to 255 characters.' })
  @IsString()
  @MinLength(1, { message: 'Укажите название вида сведений' })
  @MaxLength(255, { message: 'Название: не больше 255 символов' })
  name!: string;

  @Field({ description: 'Absolute URI (`urn:…`, `http://…`), up to 400 characters.' })
  @IsString()
  @MaxLength(400, { message: 'Пространство имён: не больше 400 символов' })
  namespaceUri!: string;

  @Field({ description: 'Version, e.g. `1.0.2`, up to 50 characters.' })
  @IsString()
  @Matches(/^[0-9A-Za-z][0-9A-Za-z._-]{0,49}$/, {
    message: 'Версия: цифры, латинские буквы, точки, дефисы и _, до 50 символов',
  })
  version!: string;

  @Field({ description: 'Root element name (an XML NCName), up to 255 characters.' })
  @IsString()
  @Matches(/^[A-Za-z_][A-Za-z0-9_.-]{0,254}$/, {
    message: 'Корневой элемент: имя XML-элемента латиницей, до 255 символов',
  })
  rootElement!: string;
}
