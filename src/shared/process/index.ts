export { autogroupNiceOf, lowerPriority } from './process-priority';
export type { PriorityHost } from './process-priority';
