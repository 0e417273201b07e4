// The organizations module's public surface: the only path other modules import from.
export { OrganizationAccess } from './access/organization-access.service';
export type { OrganizationActor } from './access/organization-access.service';
export { RepresentationDirectory } from './context/representation-directory';
export type { RepresentationLookup } from './context/representation-directory';
export { AccessGrantEntity } from './entities/access-grant.entity';
export { ORGANIZATION_ENTITIES } from './entities';
export { MembershipEntity } from './entities/membership.entity';
export { OrganizationEntity } from './entities/organization.entity';
export { MemberRole, MembershipStatus, OrganizationType, OrgSystem } from './organization.enums';
export { OrganizationsModule } from './organizations.module';
export { MemberPerson } from './graphql/member-person.type';
export { toOrganization } from './graphql/organization.mapper';
export { Organization } from './graphql/organization.type';
export { MembershipsDataExporter } from './export/memberships-data.exporter';
