// Imported first by the process entry points: module files read the environment while they
// load, so a bad value must stop the process here, with its one line, before any of them runs
// into it with a stack trace. A `.env` file in the working directory is read first (process
// environment wins).
import { loadEnvFile } from './env-file';
import { loadEnv } from './env.schema';

try {
  loadEnvFile();
  loadEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
