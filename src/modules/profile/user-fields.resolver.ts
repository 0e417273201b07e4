import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../../shared/auth';
import { DateScalar } from '../../shared/graphql/date.scalar';
import { AccessLevel, User } from '../auth';
import { ChildEntity, driverLicenseValidity } from '../identity';
import { toChild } from './children/child.service';
import { deriveAccessLevel } from './documents/access-level';
import { latestOf, toPassportDocument, toSnilsDocument } from './documents/document.mapper';
import { Child } from './graphql/child.type';
import { PassportDocument } from './graphql/passport-document.type';
import { SnilsDocument } from './graphql/snils-document.type';
import { ProfileLink, ProfileLinkKind } from './graphql/profile-link.type';
import { Vehicle } from './graphql/vehicle.type';
import { FIELD_LINK_KIND, PROFILE_FIELD_LINKS, waitingReason } from './links/link-kinds';
import { DocumentKind } from './profile.enums';
import { ProfileReader } from './profile-reader.service';
import { ReadAuditService } from './read-audit.service';
import { toVehicle } from './vehicles/vehicle.service';

type ProfileColumn = 'address' | 'driverLicense' | 'payerCode' | 'electricityAccount' | 'omsPolicy';

/**
 * The profile's fields of `User`, batched per request. Every personal field is noted for the
 * access log (one record per response); id, accessLevel and createdAt are not personal data.
 */
@Resolver(() => User)
export class UserFieldsResolver {
  constructor(
    private readonly reader: ProfileReader,
    private readonly audit: ReadAuditService,
  ) {}

  @ResolveField(() => AccessLevel)
  async accessLevel(@Parent() user: User, @Context() ctx: GraphQLContext): Promise<AccessLevel> {
    const [documents, trusted] = await Promise.all([
      this.reader.documentsOf(ctx, user.id),
      this.reader.trustedFederatedLogin(ctx, user.id),
    ]);
    return deriveAccessLevel(documents, trusted);
  }

  @ResolveField(() => String)
  async lastName(@Parent() user: User, @Context() ctx: GraphQLContext): Promise<string> {
    await this.audit.note(ctx, user.id, 'lastName');
    return user.lastName;
  }

  @ResolveField(() => String)
  async firstName(@Parent() user: User, @Context() ctx: GraphQLContext): Promise<string> {
    await this.audit.note(ctx, user.id, 'firstName');
    return user.firstName;
  }

  @ResolveField(() => String, { nullable: true })
  async middleName(@Parent() user: User, @Context() ctx: GraphQLContext): Promise<string | null> {
    await this.audit.note(ctx, user.id, 'middleName');
    return user.middleName;
  }

  @ResolveField(() => String)
  async phone(@Parent() user: User, @Context() ctx: GraphQLContext): Promise<string> {
    await this.audit.note(ctx, user.id, 'phone');
    return user.phone;
  }

  @ResolveField(() => String, { nullable: true })
  async email(@Parent() user: User, @Context() ctx: GraphQLContext): Promise<string | null> {
    await this.audit.note(ctx, user.id, 'email');
    return user.email;
  }

  @ResolveField(() => DateScalar, { nullable: true })
  async birthDate(@Parent() user: User, @Context() ctx: GraphQLContext): Promise<string | null> {
    await this.audit.note(ctx, user.id, 'birthDate');
    return user.birthDate;
  }

  @ResolveField(() => SnilsDocument, {
    nullable: true,
    description:
      'The latest SNILS submission and its check (a verified one stays in force meanwhile).',
  })
  async snils(@Parent() user: User, @Context() ctx: GraphQLContext): Promise<SnilsDocument | null> {
    const documents = await this.documents(ctx, user.id, 'snils', DocumentKind.SNILS);
    const latest = latestOf(documents);
    return latest ? toSnilsDocument(latest) : null;
  }

  @ResolveField(() => PassportDocument, {
    nullable: true,
    description: 'The latest passport submission and its check.',
  })
  async passport(
    @Parent() user: User,
    @Context() ctx: GraphQLContext,
  ): Promise<PassportDocument | null> {
    const documents = await this.documents(ctx, user.id, 'passport', DocumentKind.PASSPORT);
    const latest = latestOf(documents);
    return latest ? toPassportDocument(latest, user.birthDate) : null;
  }

  @ResolveField(() => [Vehicle], { description: 'The person’s vehicles, oldest first.' })
  async vehicles(@Parent() user: User, @Context() ctx: GraphQLContext): Promise<Vehicle[]> {
    await this.audit.note(ctx, user.id, 'vehicles');
    return (await this.reader.vehiclesOf(ctx, user.id)).map(toVehicle);
  }

  @ResolveField(() => [Child], { description: 'The person’s children, oldest entry first.' })
  async children(@Parent() user: User, @Context() ctx: GraphQLContext): Promise<Child[]> {
    await this.audit.note(ctx, user.id, 'children');
    return (await this.reader.childrenOf(ctx, user.id)).map((c: ChildEntity) => toChild(c));
  }

  @ResolveField(() => String, { nullable: true, description: 'Driver licence number.' })
  driverLicense(@Parent() user: User, @Context() ctx: GraphQLContext): Promise<string | null> {
    return this.column(ctx, user.id, 'driverLicense');
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Payer code of the single housing payment document (10 digits).',
  })
  payerCode(@Parent() user: User, @Context() ctx: GraphQLContext): Promise<string | null> {
    return this.column(ctx, user.id, 'payerCode');
  }

  @ResolveField(() => String, { nullable: true, description: 'Electricity account number.' })
  electricityAccount(@Parent() user: User, @Context() ctx: GraphQLContext): Promise<string | null> {
    return this.column(ctx, user.id, 'electricityAccount');
  }

  @ResolveField(() => String, { nullable: true, description: 'OMS policy number (16 digits).' })
  omsPolicy(@Parent() user: User, @Context() ctx: GraphQLContext): Promise<string | null> {
    return this.column(ctx, user.id, 'omsPolicy');
  }

  @ResolveField(() => [ProfileLink], {
    description:
      'My driver licence, payer code, electricity account and OMS policy with their registry proof (only those filled in).',
  })
  async profileLinks(@Parent() user: User, @Context() ctx: GraphQLContext): Promise<ProfileLink[]> {
    const profile = await this.reader.profile(ctx, user.id);
    const links: ProfileLink[] = [];
    for (const field of PROFILE_FIELD_LINKS) {
      const value = profile?.[field];
      if (!profile || !value) {
        continue;
      }
      await this.audit.note(ctx, user.id, field);
      const kind = FIELD_LINK_KIND[field];
      const issuedAt = field === 'driverLicense' ? profile.driverLicenseIssuedAt : null;
      if (issuedAt) {
        // The end is derived from the issue date: reading it reads that date.
        await this.audit.note(ctx, user.id, 'driverLicenseIssuedAt');
      }
      links.push(
        Object.assign(new ProfileLink(), {
          kind: kind as ProfileLinkKind,
          value,
          verification: profile[`${field}Verification`],
          linkedAt: profile[`${field}LinkedAt`] ?? profile.updatedAt,
          verifiedAt: profile[`${field}VerifiedAt`],
          verificationNote: waitingReason(kind, profile[`${field}Verification`]),
          validUntil: issuedAt ? driverLicenseValidity(issuedAt).validUntil : null,
        }),
      );
    }
    return links;
  }

  @ResolveField(() => String, { nullable: true, description: 'Address of residence.' })
  address(@Parent() user: User, @Context() ctx: GraphQLContext): Promise<string | null> {
    return this.column(ctx, user.id, 'address');
  }

  private async documents(ctx: GraphQLContext, userId: string, field: string, kind: DocumentKind) {
    await this.audit.note(ctx, userId, field);
    return (await this.reader.documentsOf(ctx, userId)).filter((d) => d.kind === kind);
  }

  private async column(
    ctx: GraphQLContext,
    userId: string,
    field: ProfileColumn,
  ): Promise<string | null> {
    await this.audit.note(ctx, userId, field);
    return (await this.reader.profile(ctx, userId))?.[field] ?? null;
  }
}
