import { Injectable } from '@nestjs/common';
import type { ClientInfo } from '../client-info.decorator';
import type { AuthPayload } from '../graphql/auth.payload';
import type { PendingAccountLink } from './account-link.store';

/** How a sign-in flow finishes once the holder proved the matched account, or declined it. */
export interface AccountLinkCompletion {
  /** Links the identity to the proven account and signs it in. */
  link(pending: PendingAccountLink, client: ClientInfo): Promise<AuthPayload>;
  /** "Not my account": a new account from the identity, signed in. */
  decline(pending: PendingAccountLink, client: ClientInfo): Promise<AuthPayload>;
}

/**
 * The flows that may answer ACCOUNT_LINK_REQUIRED register their completion here under the
 * `kind` they store with the link token (federated sign-in in this module; e-signature sign-in
 * from the organizations module, which auth must not import).
 */
@Injectable()
export class AccountLinkCompletions {
  private readonly completions = new Map<string, AccountLinkCompletion>();

  register(kind: string, completion: AccountLinkCompletion): void {
    this.completions.set(kind, completion);
  }

  get(kind: string): AccountLinkCompletion {
    const completion = this.completions.get(kind);
    if (!completion) {
      throw new Error(`no account-link completion registered for ${kind}`);
    }
    return completion;
  }
}
