import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

@ArgsType()
export class RevokeDataKindAccessArgs {
  @Field(() => ID, { description: 'The GRANTED access request to revoke.' })
  @IsUUID('all', { message: 'Неверный идентификатор' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Why: required when the owner of the kind of data revokes, optional when the requesting organization gives up its own access; up to 500 characters.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'Причина: не больше 500 символов' })
  reason?: string | null;
}
