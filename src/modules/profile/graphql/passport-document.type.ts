import { Field, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../../shared/graphql/date.scalar';
import { DocumentCheck } from './document-check.type';

@ObjectType({ description: 'The person’s passport of a citizen of Russia and its registry check.' })
export class PassportDocument extends DocumentCheck {
  @Field({ description: 'Series, 4 digits.' })
  series!: string;

  @Field({ description: 'Number, 6 digits.' })
  number!: string;

  @Field(() => DateScalar, { description: 'Date of issue.' })
  issuedAt!: string;

  @Field({ description: 'Issuing authority.' })
  issuedBy!: string;
}
