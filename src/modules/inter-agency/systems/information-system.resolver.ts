import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal, GraphQLContext } from '../../../shared/auth';
import { AddSpecialQueueArgs } from '../graphql/add-special-queue.args';
import { DecideArgs } from '../graphql/decide.args';
import { InformationSystem } from '../graphql/information-system.type';
import { InformationSystemsArgs } from '../graphql/information-systems.args';
import { Organization } from '../graphql/organization-refs';
import { RegisterInformationSystemInput } from '../graphql/register-information-system.input';
import { SpecialQueue } from '../graphql/special-queue.type';
import { InterAgencyLoaders } from '../inter-agency.loaders';
import { InterAgencyException } from '../inter-agency.exception';
import { InformationSystemService } from './information-system.service';

@Resolver(() => InformationSystem)
export class InformationSystemResolver {
  constructor(
    private readonly systems: InformationSystemService,
    private readonly loaders: InterAgencyLoaders,
  ) {}

  @Query(() => [InformationSystem], {
    description:
      'The organization’s information systems, newest first (a developer representative: TEST only). A platform operator without an organization context gets the registrations waiting for a decision (PROD, and TEST ones held for review), oldest first, with their reviewFlags.',
  })
  informationSystems(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: InformationSystemsArgs,
  ): Promise<InformationSystem[]> {
    return this.systems.list(principal, args.environment);
  }

  @Mutation(() => InformationSystem, {
    description:
      'Registers a system: TEST ones become ACTIVE by a queued check within seconds; PROD ones stay PENDING until an operator decides. CONFLICT when the mnemonic is taken in that environment.',
  })
  registerInformationSystem(
    @CurrentUser() principal: AuthPrincipal,
    @Args('input') input: RegisterInformationSystemInput,
  ): Promise<InformationSystem> {
    return this.systems.register(principal, input);
  }

  @Mutation(() => InformationSystem, {
    description:
      'An INTER_AGENCY_OPERATOR activates or rejects (with a reason) a PENDING PROD registration, or a PENDING TEST one the automatic check held for review (traffic already uses its mnemonic). CONFLICT / MNEMONIC_TAKEN when another system owns the mnemonic.',
  })
  decideInformationSystem(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: DecideArgs,
  ): Promise<InformationSystem> {
    return this.systems.decide(principal, args.id, args.approve, args.reason);
  }

  @Mutation(() => SpecialQueue, {
    description:
      'Adds a special queue to an ACTIVE system of the organization (name unique per system).',
  })
  addSpecialQueue(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: AddSpecialQueueArgs,
  ): Promise<SpecialQueue> {
    return this.systems.addSpecialQueue(principal, args.systemId, args.name);
  }

  @ResolveField(() => Organization, { description: 'The organization the system belongs to.' })
  async organization(
    @Parent() system: InformationSystem,
    @Context() ctx: GraphQLContext,
  ): Promise<Organization> {
    const organization = await this.loaders.organization(ctx, system.organizationId);
    if (!organization) {
      throw InterAgencyException.systemNotFound();
    }
    return organization;
  }

  @ResolveField(() => [SpecialQueue], {
    description:
      'The system’s special queues, oldest first; empty unless the system is the caller’s organization’s, in an environment the caller reaches.',
  })
  async specialQueues(
    @CurrentUser() principal: AuthPrincipal,
    @Parent() system: InformationSystem,
    @Context() ctx: GraphQLContext,
  ): Promise<SpecialQueue[]> {
    if (!InformationSystemService.mayUseQueues(principal, system)) {
      return [];
    }
    return this.loaders.specialQueues(ctx, system.id);
  }
}
