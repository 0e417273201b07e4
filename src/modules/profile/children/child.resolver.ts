import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal } from '../../../shared/auth';
import { CurrentClient } from '../../auth';
import type { ClientInfo } from '../../auth';
import { ChildInput } from '../graphql/child.input';
import { Child } from '../graphql/child.type';
import { ChildService } from './child.service';

@Resolver(() => Child)
export class ChildResolver {
  constructor(private readonly children: ChildService) {}

  @Mutation(() => Child, {
    description: 'Adds a child; with a schoolLogin the child can sign in with my password.',
  })
  addChild(
    @Args('input') input: ChildInput,
    @CurrentUser() principal: AuthPrincipal,
    @CurrentClient() client: ClientInfo,
  ): Promise<Child> {
    return this.children.add(principal, input, client.ip ?? undefined);
  }

  @Mutation(() => Boolean, { description: 'Removes one of my children.' })
  removeChild(
    @Args('id', { type: () => ID }) id: string,
    @CurrentUser() principal: AuthPrincipal,
    @CurrentClient() client: ClientInfo,
  ): Promise<boolean> {
    return this.children.remove(principal, id, client.ip ?? undefined);
  }
}
