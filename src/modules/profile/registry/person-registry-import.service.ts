import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../shared/database/transaction-runner';
import { PersonRegistryEntity } from '../entities/person-registry.entity';
import { PersonRegistryRepository } from '../repositories/person-registry.repository';
import { parseRegistryCsv } from './registry-csv.parser';

/** `registry:import`: upserts the people of a CSV into `person_registry`, all or nothing. */
@Injectable()
export class PersonRegistryImportService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly people: PersonRegistryRepository,
  ) {}

  async importCsv(text: string): Promise<{ imported: number }> {
    const rows = parseRegistryCsv(text);
    await this.tx.run(async (em) => {
      const now = new Date();
      for (const row of rows) {
        await this.people.upsert(
          em,
          Object.assign(new PersonRegistryEntity(), { id: randomUUID(), ...row, updatedAt: now }),
        );
      }
    });
    return { imported: rows.length };
  }
}
