import { readFile } from 'node:fs/promises';
import { INestApplicationContext } from '@nestjs/common';
import { PersonRegistryImportService, RegistryCsvError } from '../modules/profile';
import { CliError } from './cli-error';

/** `registry:import <file.csv>`: fills the person registry of REGISTRY_DRIVER=table. */
export async function registryImport(
  app: INestApplicationContext,
  args: string[],
): Promise<unknown> {
  const [file] = args;
  if (!file) {
    throw new CliError('usage: registry:import <file.csv>');
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return await app.get(PersonRegistryImportService).importCsv(text);
  } catch (error) {
    if (error instanceof RegistryCsvError) {
      throw new CliError(error.message);
    }
    throw error;
  }
}
