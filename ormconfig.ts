// The DataSource the TypeORM CLI uses (`npm run migration:generate|run|revert`).
import { DataSource } from 'typeorm';
import { loadEnv } from './src/config/env.schema';
import { buildDataSourceOptions } from './src/database/data-source-options';

export default new DataSource(buildDataSourceOptions(loadEnv().DATABASE_URL));
