export { autogroupNiceOf, lowerPriority, statFieldsAfterName } from './process-priority';
export type { PriorityHost } from './process-priority';
