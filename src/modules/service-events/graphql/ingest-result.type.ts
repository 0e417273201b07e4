import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'What ingestServiceEvents stored.' })
export class IngestResult {
  @Field(() => Int, { description: 'New events and events whose content changed.' })
  accepted!: number;

  @Field(() => Int, { description: 'Unchanged repeats of stored events.' })
  duplicates!: number;
}
