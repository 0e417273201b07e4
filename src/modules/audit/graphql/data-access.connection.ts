import { Connection, Page } from '../../../shared/graphql/connection';
import { DataAccessRecord } from './data-access-record.type';

export const DataAccessConnection = Connection(
  DataAccessRecord,
  'DataAccess',
  'A page of the personal-data access log, newest first.',
);
export type DataAccessConnection = Page<DataAccessRecord>;
