import type { Provider } from '@nestjs/common';
import { AccountLinkCompletions } from './account-link.completions';
import { AccountLinkResolver } from './account-link.resolver';
import { AccountLinkService } from './account-link.service';
import { AccountLinkStore } from './account-link.store';

/** Linking a provider identity or certificate to a proven existing account. */
export const ACCOUNT_LINK_PROVIDERS: Provider[] = [
  AccountLinkStore,
  AccountLinkCompletions,
  AccountLinkService,
  AccountLinkResolver,
];
