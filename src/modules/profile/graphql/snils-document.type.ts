import { Field, ObjectType } from '@nestjs/graphql';
import { DocumentCheck } from './document-check.type';

@ObjectType({ description: 'The person’s SNILS and its check against the registry.' })
export class SnilsDocument extends DocumentCheck {
  @Field({ description: 'SNILS as `123-456-789 64`.' })
  number!: string;
}
