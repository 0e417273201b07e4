// The organizations module's GraphQL types that inter-agency types point at.
export { MemberPerson, Organization, toOrganization } from '../../organizations';
