import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../shared/auth';
import type { AuthPrincipal } from '../../shared/auth';
import { PaginationArgs } from '../../shared/graphql/connection';
import { CurrentClient, User } from '../auth';
import { accountOwnerId } from '../identity';
import type { ClientInfo } from '../auth';
import { ApplicationService } from './applications/application.service';
import { ApplicationConnection } from './graphql/application.connection';
import { UpdateProfileInput } from './graphql/update-profile.input';
import { ProfileService } from './profile.service';

@Resolver(() => User)
export class ProfileResolver {
  constructor(
    private readonly profiles: ProfileService,
    private readonly applicationService: ApplicationService,
  ) {}

  @Mutation(() => User, {
    description:
      'Changes the given profile fields. Changing names or birth date after a document was verified sends it to the registry again (the access level holds meanwhile).',
  })
  updateProfile(
    @Args('input') input: UpdateProfileInput,
    @CurrentUser() principal: AuthPrincipal,
    @CurrentClient() client: ClientInfo,
  ): Promise<User> {
    return this.profiles.update(principal, input, client.ip ?? undefined);
  }

  @Query(() => ApplicationConnection, {
    description: 'My applications (document checks and other requests), newest first.',
  })
  applications(
    @Args() args: PaginationArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<ApplicationConnection> {
    return this.applicationService.page(accountOwnerId(principal), args);
  }
}
