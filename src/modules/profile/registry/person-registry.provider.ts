import { Provider } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { registryConfig } from '../../../config/configuration';
import { LinkRegistryRepository } from '../repositories/link-registry.repository';
import { PersonRegistryRepository } from '../repositories/person-registry.repository';
import { HttpPersonRegistry } from './http-person.registry';
import { PersonRegistry } from './person-registry.port';
import { TablePersonRegistry } from './table-person.registry';

/** Picks the registry adapter from REGISTRY_DRIVER. */
export const personRegistryProvider: Provider = {
  provide: PersonRegistry,
  inject: [registryConfig.KEY, DataSource, PersonRegistryRepository, LinkRegistryRepository],
  useFactory: (
    config: ConfigType<typeof registryConfig>,
    dataSource: DataSource,
    people: PersonRegistryRepository,
    links: LinkRegistryRepository,
  ): PersonRegistry =>
    config.driver === 'http' && config.url
      ? new HttpPersonRegistry(config.url)
      : new TablePersonRegistry(dataSource, people, links),
};
