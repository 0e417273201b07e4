import { Module, OnModuleInit } from '@nestjs/common';
import { AccountDeletionRegistry, IdentityModule } from '../identity';
import { DataAccessLogRepository } from './data-access-log.repository';
import { DataAccessLogResolver } from './data-access-log.resolver';
import { DataAccessLogService } from './data-access-log.service';
import { DataAccessLogExporter } from './export/data-access-log.exporter';

/** The append-only personal-data access log and `myDataAccessLog`. */
@Module({
  imports: [IdentityModule],
  providers: [
    DataAccessLogRepository,
    DataAccessLogService,
    DataAccessLogResolver,
    DataAccessLogExporter,
  ],
  exports: [DataAccessLogService, DataAccessLogExporter],
})
export class AuditModule implements OnModuleInit {
  constructor(
    private readonly deletion: AccountDeletionRegistry,
    private readonly log: DataAccessLogService,
  ) {}

  // A deleted account's log goes with it; auth keeps an account_deletions row without personal data.
  onModuleInit(): void {
    this.deletion.register({ purge: (em, userId) => this.log.purge(em, userId) });
  }
}
