import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Environment } from '../inter-agency.enums';

@ObjectType({ description: 'A kind of data («вид сведений») published by its owner system.' })
export class DataKind {
  @Field(() => ID, { description: 'The kind’s id.' })
  id!: string;

  @Field({ description: 'Name of the kind of data.' })
  name!: string;

  @Field({ description: 'Target namespace URI of its schema (absolute URI).' })
  namespaceUri!: string;

  @Field({ description: 'Version; namespaceUri + version are unique per environment.' })
  version!: string;

  @Field(() => Environment, {
    description:
      'The environment of its owner system: only systems of the same environment may request it.',
  })
  environment!: Environment;

  @Field({ description: 'Root element of the request.' })
  rootElement!: string;

  @Field(() => GraphQLISODateTime, { description: 'When it was registered.' })
  createdAt!: Date;

  ownerSystemId!: string;
}
