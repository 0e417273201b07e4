import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IdentifierKind } from './index';

registerEnumType(IdentifierKind, {
  name: 'IdentifierKind',
  description: 'Russian identifiers the server validates and normalises.',
});

@ObjectType({ description: 'The verdict of the server’s own checks on one identifier.' })
export class IdentifierCheck {
  @Field({ description: 'Whether the value is acceptable.' })
  valid!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The value as the server stores it (when valid).',
  })
  normalized!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What is wrong, in Russian (when not valid).',
  })
  message!: string | null;
}
