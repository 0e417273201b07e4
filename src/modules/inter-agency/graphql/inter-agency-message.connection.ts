import { Connection, Page } from '../../../shared/graphql/connection';
import type { MessageSearch } from '../repositories/inter-agency-message.repository';
import { InterAgencyMessage } from './inter-agency-message.type';

export const InterAgencyMessageConnection = Connection(
  InterAgencyMessage,
  'InterAgencyMessage',
  'A page of the organization’s messages, newest first (by the time of their earliest event).',
);

/**
 * A page; `totalCount` is counted only when the client asks for it (a field resolver reads
 * `search`), since counting a busy organization's month costs more than the page itself.
 */
export type InterAgencyMessageConnection = Omit<Page<InterAgencyMessage>, 'totalCount'> & {
  search: MessageSearch | null;
  /** Set when the total is already known (a search by message id). */
  knownTotal: number | null;
};
