import type { Provider } from '@nestjs/common';
import { AccountLinkCompletions } from './account-link.completions';
import { AccountLinkResolver } from './account-link.resolver';
import { AccountLinkService } from './account-link.service';
import { AccountLinkStore } from './account-link.store';
import { NewAccountFactory } from './new-account.factory';
import { SnilsDisputeService } from './snils-dispute.service';
import { SingleUseTokenStore } from '../tokens/single-use-token.store';

/** Linking a provider identity or certificate to a proven existing account. */
export const ACCOUNT_LINK_PROVIDERS: Provider[] = [
  SingleUseTokenStore,
  AccountLinkStore,
  SnilsDisputeService,
  NewAccountFactory,
  AccountLinkCompletions,
  AccountLinkService,
  AccountLinkResolver,
];
