/**
 * Where the token of the deployment's webhook set is kept, shared by every process (Redis in
 * production, a variable in unit tests). The token is replaced whenever a webhook is created or
 * deleted.
 */
export abstract class SubscriptionTokens {
  /** The current token, or null when there is none (never set, expired, or Redis was flushed). */
  abstract get(): Promise<string | null>;

  /** Stores `token` for a day; with `onlyIfAbsent`, only when there is none. True when stored. */
  abstract set(token: string, onlyIfAbsent: boolean): Promise<boolean>;
}
