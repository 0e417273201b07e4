import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { LinkRegistryEntity } from '../entities/link-registry.entity';
import { PersonRegistryEntity } from '../entities/person-registry.entity';
import { LinkRegistryRepository } from '../repositories/link-registry.repository';
import { PersonRegistryRepository } from '../repositories/person-registry.repository';
import { LINK_REGISTRY_CSV_HEADER, parseLinkRegistryCsv } from './link-registry-csv.parser';
import { csvHeaderOf, parseRegistryCsv } from './registry-csv.parser';
import type { RegistryCsvLine } from './registry-csv.parser';

/** A line of the CSV that was not written, and why. */
export interface RegistryImportConflict {
  line: number;
  message: string;
}

/** What `registry:import` did: rows written, and the lines refused because of a conflict. */
export interface RegistryImportResult {
  imported: number;
  conflicts: RegistryImportConflict[];
}

/**
 * `registry:import`: upserts the people of a CSV into `person_registry` in one transaction. A
 * malformed file is refused whole; a line whose SNILS or passport already belongs to another
 * person of the registry is reported with its line number and nothing of it is written. A file
 * whose header is the link one (`kind,identifier,proof,…`) fills `link_registry` instead.
 */
@Injectable()
export class PersonRegistryImportService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly people: PersonRegistryRepository,
    private readonly links: LinkRegistryRepository,
  ) {}

  async importCsv(text: string): Promise<RegistryImportResult> {
    if (csvHeaderOf(text).replace(/;/g, ',').startsWith(LINK_REGISTRY_CSV_HEADER.join(','))) {
      return this.importLinkCsv(text);
    }
    const rows = parseRegistryCsv(text);
    const conflicts: RegistryImportConflict[] = [];
    let imported = 0;
    await this.tx.run(async (em) => {
      const now = new Date();
      for (const row of rows) {
        const { line, ...person } = row;
        const bySnils = person.snils ? await this.people.findBySnils(em, person.snils) : null;
        const byPassport =
          person.passportSeries && person.passportNumber
            ? await this.people.findByPassport(em, person.passportSeries, person.passportNumber)
            : null;
        const conflict = conflictOf(row, bySnils, byPassport);
        if (conflict) {
          conflicts.push({ line, message: conflict });
          continue;
        }
        const existing = bySnils ?? byPassport;
        if (existing) {
          // A line without one of the identifiers keeps the one the registry has: clearing it
          // would let a later line hand it to somebody else.
          await this.people.update(em, existing.id, {
            ...person,
            snils: person.snils ?? existing.snils,
            passportSeries: person.passportSeries ?? existing.passportSeries,
            passportNumber: person.passportNumber ?? existing.passportNumber,
            updatedAt: now,
          });
        } else {
          await this.people.insert(
            em,
            Object.assign(new PersonRegistryEntity(), {
              id: randomUUID(),
              ...person,
              updatedAt: now,
            }),
          );
        }
        imported += 1;
      }
    });
    return { imported, conflicts };
  }

  /**
   * Upserts the identifiers of a link CSV (kind and identifier are the key: a later line for the
   * same identifier replaces its proof and holder) in one transaction; a malformed file is refused
   * whole.
   */
  async importLinkCsv(text: string): Promise<RegistryImportResult> {
    const rows = parseLinkRegistryCsv(text);
    await this.tx.run(async (em) => {
      const now = new Date();
      for (const { line: _line, ...link } of rows) {
        await this.links.upsert(
          em,
          Object.assign(new LinkRegistryEntity(), link, { updatedAt: now }),
        );
      }
    });
    return { imported: rows.length, conflicts: [] };
  }
}

// A SNILS never changes hands, and a passport is one person's: the line and the registry must
// agree on who it is before anything of the line is written. A person's passport may change
// (a new one is issued), their SNILS may not.
function conflictOf(
  row: RegistryCsvLine,
  bySnils: PersonRegistryEntity | null,
  byPassport: PersonRegistryEntity | null,
): string | null {
  if (bySnils && byPassport && bySnils.id !== byPassport.id) {
    return 'the SNILS and the passport belong to two different people of the registry';
  }
  if (!bySnils && byPassport?.snils && row.snils && byPassport.snils !== row.snils) {
    return 'the passport belongs to a person of the registry with another SNILS';
  }
  return null;
}
