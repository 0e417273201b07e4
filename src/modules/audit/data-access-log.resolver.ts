import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../shared/auth';
import type { AuthPrincipal } from '../../shared/auth';
import { PaginationArgs } from '../../shared/graphql/connection';
import { accountOwnerId } from '../identity';
import { DataAccessLogService } from './data-access-log.service';
import { DataAccessConnection } from './graphql/data-access.connection';
import { DataAccessRecord } from './graphql/data-access-record.type';

@Resolver(() => DataAccessRecord)
export class DataAccessLogResolver {
  constructor(private readonly log: DataAccessLogService) {}

  @Query(() => DataAccessConnection, {
    description:
      'Who read, changed or checked my personal data (me, organizations’ employees, integrators, operators, registries), newest first.',
  })
  myDataAccessLog(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: PaginationArgs,
  ): Promise<DataAccessConnection> {
    return this.log.page(accountOwnerId(principal), args);
  }
}
