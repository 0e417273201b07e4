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

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'The day it must be replaced by: the 20th or 45th birthday after its issue (null when issued at 45 or later, or while the birth date is unknown, as in submitPassport’s answer).',
  })
  validUntil!: string | null;
}
