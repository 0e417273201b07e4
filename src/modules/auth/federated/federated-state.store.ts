import { Injectable } from '@nestjs/common';
import { SingleUseTokenStore } from '../tokens/single-use-token.store';

/** What the server keeps between `federatedLoginStart` and `completeFederatedLogin`. */
export interface PendingFederatedLogin {
  /** The redirect URI the authorization request named; the code is redeemed for it only. */
  redirectUri: string;
  codeVerifier: string;
  nonce: string;
  /**
   * SHA-256 (hex) of the `clientBinding` secret `federatedLoginStart` returned to the client that
   * started the sign-in; absent on states stored before bindings existed.
   */
  bindingHash?: string;
}

/** How long a started federated sign-in may take to come back. */
export const FEDERATED_STATE_TTL_SECONDS = 600;

const NAMESPACE = 'oidc:state';

/**
 * Pending federated sign-ins, keyed by a hash of `state` (the state itself never rests
 * anywhere), with a TTL, in the single-use token store: {@link take} works once even when two
 * requests race with one state.
 */
@Injectable()
export class FederatedStateStore {
  constructor(private readonly tokens: SingleUseTokenStore) {}

  put(state: string, pending: PendingFederatedLogin): Promise<void> {
    return this.tokens.put(NAMESPACE, state, pending, FEDERATED_STATE_TTL_SECONDS);
  }

  /** The pending sign-in of this state, left in place (null when unknown or expired). */
  peek(state: string): Promise<PendingFederatedLogin | null> {
    return this.tokens.peek<PendingFederatedLogin>(NAMESPACE, state);
  }

  /** The pending sign-in of this state, removed; null when unknown, expired or already taken. */
  take(state: string): Promise<PendingFederatedLogin | null> {
    return this.tokens.take<PendingFederatedLogin>(NAMESPACE, state);
  }
}
