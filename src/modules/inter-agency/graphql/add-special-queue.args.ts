import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsString, IsUUID, Matches } from 'class-validator';

@ArgsType()
export class AddSpecialQueueArgs {
  @Field(() => ID, { description: 'An ACTIVE system of the caller’s organization.' })
  @IsUUID('all', { message: 'Неверный идентификатор системы' })
  systemId!: string;

  @Field({
    description: 'Latin letters, digits, `_`, `-` and `.`, 1–100 characters; unique per system.',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{1,100}$/, {
    message: 'Имя очереди: латинские буквы, цифры, _, - и ., до 100 символов',
  })
  name!: string;
}
