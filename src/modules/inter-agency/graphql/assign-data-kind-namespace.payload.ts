import { Field, ObjectType } from '@nestjs/graphql';
import { DataKindNamespace } from './data-kind-namespace.type';

@ObjectType({ description: 'The result of assignDataKindNamespace.' })
export class AssignDataKindNamespacePayload {
  @Field(() => DataKindNamespace, { description: 'The namespace with its new owner.' })
  namespace!: DataKindNamespace;
}
