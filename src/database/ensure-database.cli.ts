// Creates the database of DATABASE_URL if missing, before the TypeORM CLI runs migrations.
import '../config/env-or-exit';
import { loadEnv } from '../config/env.schema';
import { ensureDatabase } from './ensure-database';

ensureDatabase(loadEnv().DATABASE_URL).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
