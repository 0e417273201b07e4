import { Connection, Page } from '../../../shared/graphql/connection';
import { Membership } from './membership.type';

export const MembershipConnection = Connection(
  Membership,
  'Membership',
  'A page of the organization’s members, newest first.',
);
export type MembershipConnection = Page<Membership>;
