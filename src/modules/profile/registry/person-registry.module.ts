import { Module } from '@nestjs/common';
import { PersonRegistryRepository } from '../repositories/person-registry.repository';
import { PersonRegistryImportService } from './person-registry-import.service';

/** The local person registry's import (used by the CLI and the profile module). */
@Module({
  providers: [PersonRegistryRepository, PersonRegistryImportService],
  exports: [PersonRegistryRepository, PersonRegistryImportService],
})
export class PersonRegistryModule {}
