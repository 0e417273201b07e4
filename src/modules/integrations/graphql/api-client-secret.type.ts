import { Field, ObjectType } from '@nestjs/graphql';
import { ApiClient } from './api-client.type';

@ObjectType({ description: 'A new API client with its secret, shown this once only.' })
export class ApiClientSecret {
  @Field(() => ApiClient, { description: 'The client created.' })
  client!: ApiClient;

  @Field({
    description:
      'The `client_secret`. Kabinet keeps only its hash: store it now, it cannot be shown again.',
  })
  clientSecret!: string;
}
