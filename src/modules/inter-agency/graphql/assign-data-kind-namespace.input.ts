import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, IsUUID, MaxLength } from 'class-validator';

@InputType({ description: 'An operator gives a namespace URI to an organization.' })
export class AssignDataKindNamespaceInput {
  @Field({ description: 'Absolute URI, up to 400 characters.' })
  @IsString()
  @MaxLength(400, { message: 'Пространство имён: не больше 400 символов' })
  namespaceUri!: string;

  @Field(() => ID, { description: 'The organization that will own it.' })
  @IsUUID('all', { message: 'Неверный идентификатор организации' })
  organizationId!: string;
}
