import { DataExportEntity } from './data-export.entity';

export const DATA_EXPORT_ENTITIES = [DataExportEntity];
