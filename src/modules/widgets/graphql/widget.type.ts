import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { WidgetContent } from './widget-content.type';
import { WidgetPendingProof } from './widget-pending-proof.type';
import { WidgetType } from './widget-type.enum';

@ObjectType({ description: 'A widget on my dashboard.' })
export class Widget {
  @Field(() => ID, { description: 'Its id.' })
  id!: string;

  @Field(() => WidgetType, { description: 'Its type.' })
  type!: WidgetType;

  @Field(() => Int, { description: 'Its place: 0..n-1 among my widgets (hidden ones included).' })
  position!: number;

  @Field({ description: 'Whether it is hidden.' })
  hidden!: boolean;

  @Field(() => GraphQLJSON, { description: 'Its settings (see widgetCatalog and the docs).' })
  settings!: Record<string, unknown>;

  @Field(() => [String], { description: 'Profile fields it needs that I lack.' })
  missingFields!: string[];

  @Field(() => [WidgetPendingProof], {
    description:
      'Identifiers it reads that wait for proof (and why): their personal events are not shown until they are VERIFIED.',
  })
  pendingProofs!: WidgetPendingProof[];

  @Field(() => WidgetContent, {
    nullable: true,
    description: 'What it shows; null while missingFields is not empty.',
  })
  content!: WidgetContent | null;
}
