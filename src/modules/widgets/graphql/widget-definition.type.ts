import { Field, ObjectType } from '@nestjs/graphql';
import { WidgetType } from './widget-type.enum';

@ObjectType({ description: 'A widget type of the catalog.' })
export class WidgetDefinition {
  @Field(() => WidgetType, { description: 'The type.' })
  type!: WidgetType;

  @Field({ description: 'Its name, in Russian.' })
  title!: string;

  @Field({ description: 'What it shows, in Russian.' })
  description!: string;

  @Field(() => [String], { description: 'Profile fields (names as in `User`) it needs.' })
  requiredFields!: string[];
}
