import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

@ArgsType()
export class DecideArgs {
  @Field(() => ID, { description: 'What is decided.' })
  @IsUUID('all', { message: 'Неверный идентификатор' })
  id!: string;

  @Field({ description: 'true approves, false rejects.' })
  @IsBoolean()
  approve!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Required when rejecting; up to 500 characters.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'Причина: не больше 500 символов' })
  reason?: string | null;
}
