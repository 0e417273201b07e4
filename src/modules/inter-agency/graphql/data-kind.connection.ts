import { Connection, Page } from '../../../shared/graphql/connection';
import { DataKind } from './data-kind.type';

export const DataKindConnection = Connection(
  DataKind,
  'DataKind',
  'A page of the catalog of kinds of data, newest first.',
);
export type DataKindConnection = Page<DataKind>;
