import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal, GraphQLContext } from '../../../shared/auth';
import { AccessRequest } from '../graphql/access-request.type';
import { AccessRequestsArgs } from '../graphql/access-requests.args';
import { DataKindAccessInput } from '../graphql/data-kind-access.input';
import { DataKind } from '../graphql/data-kind.type';
import { DecideArgs } from '../graphql/decide.args';
import { InformationSystem } from '../graphql/information-system.type';
import { RevokeDataKindAccessArgs } from '../graphql/revoke-data-kind-access.args';
import { InterAgencyLoaders } from '../inter-agency.loaders';
import { InterAgencyException } from '../inter-agency.exception';
import { AccessRequestService } from './access-request.service';

@Resolver(() => AccessRequest)
export class AccessRequestResolver {
  constructor(
    private readonly requests: AccessRequestService,
    private readonly loaders: InterAgencyLoaders,
  ) {}

  @Query(() => [AccessRequest], {
    description:
      'Requests of the organization’s systems and requests for its kinds of data, newest first (at most 500).',
  })
  accessRequests(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: AccessRequestsArgs,
  ): Promise<AccessRequest[]> {
    return this.requests.list(principal, args.status);
  }

  @Mutation(() => AccessRequest, {
    description:
      'Asks for access to a kind of data for one of the organization’s systems, in that system’s environment. TEST: granted automatically once both systems are ACTIVE; PROD: decided by the owner. CONFLICT for a duplicate of a pending or granted request.',
  })
  requestDataKindAccess(
    @CurrentUser() principal: AuthPrincipal,
    @Args('input') input: DataKindAccessInput,
  ): Promise<AccessRequest> {
    return this.requests.request(principal, input);
  }

  @Mutation(() => AccessRequest, {
    description:
      'The owner of the kind of data grants or rejects (with a reason) a PENDING PROD request; the requesting organization’s HEAD and ADMINs are told.',
  })
  decideAccessRequest(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: DecideArgs,
  ): Promise<AccessRequest> {
    return this.requests.decide(principal, args.id, args.approve, args.reason);
  }

  @Mutation(() => AccessRequest, {
    description:
      'Withdraws a GRANTED access (TEST or PROD), which becomes REVOKED: by the owner of the kind of data (whoever decides the request; reason required) or by the requesting organization giving up its own access. The other party’s HEAD and ADMINs are told; the system may then request access again. CONFLICT (NOT_DECIDABLE) unless GRANTED.',
  })
  revokeDataKindAccess(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: RevokeDataKindAccessArgs,
  ): Promise<AccessRequest> {
    return this.requests.revoke(principal, args.id, args.reason);
  }

  @ResolveField(() => DataKind, { description: 'The kind of data asked for.' })
  async dataKind(
    @Parent() request: AccessRequest,
    @Context() ctx: GraphQLContext,
  ): Promise<DataKind> {
    const kind = await this.loaders.dataKind(ctx, request.dataKindId);
    if (!kind) {
      throw InterAgencyException.dataKindNotFound();
    }
    return kind;
  }

  @ResolveField(() => InformationSystem, { description: 'The requesting system.' })
  async system(
    @Parent() request: AccessRequest,
    @Context() ctx: GraphQLContext,
  ): Promise<InformationSystem> {
    const system = await this.loaders.system(ctx, request.systemId);
    if (!system) {
      throw InterAgencyException.systemNotFound();
    }
    return system;
  }
}
