import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal, GraphQLContext } from '../../../shared/auth';
import { AppointDeveloperRepresentativeArgs } from '../graphql/appoint-developer-representative.args';
import { DeveloperRepresentative } from '../graphql/developer-representative.type';
import { InterAgencyIdArgs } from '../graphql/id.args';
import { MemberPerson, Organization } from '../graphql/organization-refs';
import { SnilsArgs } from '../graphql/snils.args';
import { InterAgencyLoaders } from '../inter-agency.loaders';
import { InterAgencyException } from '../inter-agency.exception';
import { DeveloperRepresentativeService } from './developer-representative.service';

@Resolver(() => DeveloperRepresentative)
export class DeveloperRepresentativeResolver {
  constructor(
    private readonly representatives: DeveloperRepresentativeService,
    private readonly loaders: InterAgencyLoaders,
  ) {}

  @Query(() => [Organization], {
    description:
      'HEAD/ADMIN: the organizations the person with this (verified) SNILS belongs to; empty when there is no such person.',
  })
  developerRepresentativeCandidates(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: SnilsArgs,
  ): Promise<Organization[]> {
    return this.representatives.candidates(principal, args.snils);
  }

  @Query(() => [DeveloperRepresentative], {
    description: 'The organization’s developer representatives in force, oldest first.',
  })
  developerRepresentatives(
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<DeveloperRepresentative[]> {
    return this.representatives.list(principal);
  }

  @Mutation(() => DeveloperRepresentative, {
    description:
      'HEAD/ADMIN appoints the person (by SNILS) for one of their organizations; the person then works on this organization’s TEST environment only.',
  })
  appointDeveloperRepresentative(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: AppointDeveloperRepresentativeArgs,
  ): Promise<DeveloperRepresentative> {
    return this.representatives.appoint(principal, args.snils, args.developerOrganizationId);
  }

  @Mutation(() => Boolean, {
    description:
      'HEAD/ADMIN revokes an appointment; the representative’s sessions stop working at once.',
  })
  revokeDeveloperRepresentative(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: InterAgencyIdArgs,
  ): Promise<boolean> {
    return this.representatives.revoke(principal, args.id);
  }

  @ResolveField(() => MemberPerson, { description: 'The representative.' })
  async person(
    @Parent() representative: DeveloperRepresentative,
    @Context() ctx: GraphQLContext,
  ): Promise<MemberPerson> {
    const person = await this.loaders.person(ctx, representative.userId);
    if (!person) {
      throw InterAgencyException.representativeNotFound();
    }
    return person;
  }

  @ResolveField(() => Organization, { description: 'The developer organization they work for.' })
  async developerOrganization(
    @Parent() representative: DeveloperRepresentative,
    @Context() ctx: GraphQLContext,
  ): Promise<Organization> {
    const organization = await this.loaders.organization(
      ctx,
      representative.developerOrganizationId,
    );
    if (!organization) {
      throw InterAgencyException.representativeNotFound();
    }
    return organization;
  }
}
