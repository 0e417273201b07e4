import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A kind of data («вид сведений») published by its owner system.' })
export class DataKind {
  @Field(() => ID, { description: 'The kind’s id.' })
  id!: string;

  @Field({ description: 'Name of the kind of data.' })
  name!: string;

  @Field({ description: 'Target namespace URI of its schema (absolute URI).' })
  namespaceUri!: string;

  @Field({ description: 'Version; namespaceUri + version are unique.' })
  version!: string;

  @Field({ description: 'Root element of the request.' })
  rootElement!: string;

  @Field(() => GraphQLISODateTime, { description: 'When it was registered.' })
  createdAt!: Date;

  ownerSystemId!: string;
}
