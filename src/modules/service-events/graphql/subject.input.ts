import { Field, InputType } from '@nestjs/graphql';
import { SubjectKind } from './subject-kind.enum';

@InputType({ description: 'The identifier an event is about.' })
export class SubjectInput {
  @Field(() => SubjectKind, { description: 'Which identifier.' })
  kind!: SubjectKind;

  @Field({ description: 'Its value in any usual spelling; normalised like the profile stores it.' })
  value!: string;
}
