import { Field, GraphQLISODateTime, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NamespaceClaim } from '../entities/inter-agency-namespace.entity';

registerEnumType(NamespaceClaim, {
  name: 'NamespaceClaim',
  description:
    'How a namespace came to its owner: its first kind approved (on an ACTIVE PROD system) or an operator’s assignment.',
});

@ObjectType({
  description:
    'A namespace URI and the organization it belongs to: only that organization registers kinds of data and versions under it.',
})
export class DataKindNamespace {
  @Field({ description: 'The namespace URI.' })
  namespaceUri!: string;

  @Field(() => NamespaceClaim, { description: 'How the organization came to own it.' })
  claimedBy!: NamespaceClaim;

  @Field(() => GraphQLISODateTime, { description: 'When the owner last changed.' })
  updatedAt!: Date;

  organizationId!: string;
}
