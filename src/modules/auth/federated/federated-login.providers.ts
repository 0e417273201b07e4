import type { Provider } from '@nestjs/common';
import { FederatedAccountService } from './federated-account.service';
import { FederatedLoginResolver } from './federated-login.resolver';
import { FederatedLoginService } from './federated-login.service';
import { FederatedStateStore } from './federated-state.store';
import { OidcRelyingParty } from './oidc-relying-party';

/** Federated (Gosuslugi-style OpenID Connect) sign-in, registered by the auth module. */
export const FEDERATED_LOGIN_PROVIDERS: Provider[] = [
  FederatedStateStore,
  OidcRelyingParty,
  FederatedAccountService,
  FederatedLoginService,
  FederatedLoginResolver,
];
