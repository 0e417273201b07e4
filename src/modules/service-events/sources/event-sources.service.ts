import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventSourceRepository } from './event-source.repository';

/** How a source name is written: the same rule as `ServiceEventInput.source`. */
export const EVENT_SOURCE_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;
/** Sources one client may be given. */
export const EVENT_SOURCES_MAX = 50;

/** A checked list of sources, or what is wrong with it (operator-facing, English). */
export type SourcesCheck = { ok: true; sources: string[] } | { ok: false; message: string };

/** Trims, de-duplicates and checks a comma-separated or listed set of source names. */
export function checkEventSources(input: readonly string[]): SourcesCheck {
  const sources = [...new Set(input.map((s) => s.trim()).filter((s) => s !== ''))].sort();
  const bad = sources.filter((s) => !EVENT_SOURCE_PATTERN.test(s));
  if (bad.length > 0) {
    return {
      ok: false,
      message: `invalid sources ${bad.join(', ')}: 1-100 of Latin letters, digits, . _ : -`,
    };
  }
  if (sources.length > EVENT_SOURCES_MAX) {
    return { ok: false, message: `at most ${EVENT_SOURCES_MAX} sources per client` };
  }
  return { ok: true, sources };
}

/**
 * The sources an `events:write` client may write: set by the operator CLI
 * (`create-api-client --sources`, `set-event-sources`), read by every ingest.
 */
@Injectable()
export class EventSources {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sources: EventSourceRepository,
  ) {}

  /** Replaces the client's sources (checked by {@link checkEventSources}). */
  async set(clientId: string, sources: readonly string[]): Promise<string[]> {
    const checked = checkEventSources(sources);
    if (!checked.ok) {
      throw new Error(checked.message);
    }
    await this.dataSource.transaction((em) =>
      this.sources.replace(em, clientId, checked.sources, new Date()),
    );
    return checked.sources;
  }

  list(clientId: string): Promise<string[]> {
    return this.sources.findByClient(this.dataSource.manager, clientId);
  }
}
