import { Module } from '@nestjs/common';
import { LinkRegistryRepository } from '../repositories/link-registry.repository';
import { PersonRegistryRepository } from '../repositories/person-registry.repository';
import { PersonRegistryImportService } from './person-registry-import.service';

/** The local person registry's import (used by the CLI and the profile module). */
@Module({
  providers: [PersonRegistryRepository, LinkRegistryRepository, PersonRegistryImportService],
  exports: [PersonRegistryRepository, LinkRegistryRepository, PersonRegistryImportService],
})
export class PersonRegistryModule {}
