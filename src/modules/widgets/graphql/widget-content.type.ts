import { Field, Int, ObjectType } from '@nestjs/graphql';
import { WidgetItem } from './widget-item.type';

@ObjectType({ description: 'What a widget shows, built from the service events matching me.' })
export class WidgetContent {
  @Field(() => String, { nullable: true, description: 'One-line summary, in Russian.' })
  summary!: string | null;

  @Field(() => Int, { nullable: true, description: 'A counter for the badge (unpaid, new...).' })
  badge!: number | null;

  @Field(() => [WidgetItem], { description: 'The latest items, newest first.' })
  items!: WidgetItem[];
}
