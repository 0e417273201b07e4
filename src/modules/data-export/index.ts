// The data-export module's public surface: the only path other modules import from.
export { DataExportModule } from './data-export.module';
export { DATA_EXPORT_ENTITIES } from './entities';
export { DataExportStatus } from './data-export.enums';
