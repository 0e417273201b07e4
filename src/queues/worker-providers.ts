import { Provider } from '@nestjs/common';
import { loadEnv } from '../config/env.schema';

/**
 * Queue processors, registered only in processes that run jobs (`APP_ROLE=all|worker`): an API
 * process enqueues and never consumes, so API and workers scale apart.
 */
export function workerProviders(...providers: Provider[]): Provider[] {
  return loadEnv().APP_ROLE === 'api' ? [] : providers;
}
