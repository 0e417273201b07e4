import { Module } from '@nestjs/common';
import { ApiClientRepository } from '../repositories/api-client.repository';
import { ApiClientRegistry } from './api-client.registry';

/** API client credentials without request context: shared by the app and the operator CLI. */
@Module({
  providers: [ApiClientRepository, ApiClientRegistry],
  exports: [ApiClientRegistry, ApiClientRepository],
})
export class ApiClientsModule {}
