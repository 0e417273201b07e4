import { Injectable } from '@nestjs/common';
import type { ClientInfo } from '../client-info.decorator';
import type { AuthPayload } from '../graphql/auth.payload';
import type { PendingAccountLink } from './account-link.store';

/** How a sign-in flow finishes once the holder proved the matched account, or declined it. */
export interface AccountLinkCompletion {
  /**
   * Whether the identity carries no phone (a qualified certificate), so the decline must give
   * the new account one, proven by a code (`requestNewAccountPhoneCode`).
   */
  readonly declineNeedsPhone: boolean;
  /** Links the identity to the proven account and signs it in. */
  link(pending: PendingAccountLink, client: ClientInfo): Promise<AuthPayload>;
  /**
   * "Not my account": a new account from the identity, signed in. `newAccount` is the proven
   * phone when {@link declineNeedsPhone}, else null.
   */
  decline(
    pending: PendingAccountLink,
    client: ClientInfo,
    newAccount: ProvenNewAccountPhone | null,
  ): Promise<AuthPayload>;
}

/** The phone the person proved by SMS for the account a declined link creates (E.164). */
export interface ProvenNewAccountPhone {
  phone: string;
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
