import type { Provider } from '@nestjs/common';
import { FederatedAccountService } from './federated-account.service';
import { FederatedIdentityRepository } from './federated-identity.repository';
import { FederatedLoginResolver } from './federated-login.resolver';
import { FederatedLoginService } from './federated-login.service';
import { FederatedStateStore } from './federated-state.store';
import { OidcRelyingParty } from './oidc-relying-party';
import { TrustedSnilsRepository } from './trusted-snils.repository';

/** Federated (Gosuslugi-style OpenID Connect) sign-in, registered by the auth module. */
export const FEDERATED_LOGIN_PROVIDERS: Provider[] = [
  FederatedIdentityRepository,
  TrustedSnilsRepository,
  FederatedStateStore,
  OidcRelyingParty,
  FederatedAccountService,
  FederatedLoginService,
  FederatedLoginResolver,
];
