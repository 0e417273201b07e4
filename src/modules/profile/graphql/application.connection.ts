import { Connection, Page } from '../../../shared/graphql/connection';
import { Application } from './application.type';

export const ApplicationConnection = Connection(
  Application,
  'Application',
  'A page of the person’s applications, newest first.',
);
export type ApplicationConnection = Page<Application>;
