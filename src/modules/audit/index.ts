// The audit module's public surface: the only path other modules import from.
export { AuditModule } from './audit.module';
export { AuditActorKind, DataAccessAction } from './audit.enums';
export { DataAccessLogService } from './data-access-log.service';
export type { DataAccessEntry } from './data-access-log.service';
export { DataAccessLogExporter } from './export/data-access-log.exporter';
