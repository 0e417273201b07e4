import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppException } from '../../shared/errors';
import {
  missingFields,
  ProfileFactsReader,
  subjectsOf,
  unprovenLinksOf,
  VisibleEventsReader,
} from '../service-events';
import type { ProfileFacts } from '../service-events';
import { DocumentDeadlineFacts } from '../identity';
import { DriverLicenseFacts } from '../profile';
import { widgetDefinition } from './catalog/widget-catalog';
import { documentDeadlinesContent } from './content/document-deadlines.content';
import type { DeadlineDocuments } from './content/document-deadlines.content';
import { buildWidgetContent } from './content/widget-content.builder';
import type { WidgetEntity } from './entities/widget.entity';
import { WidgetType } from './graphql/widget-type.enum';
import { WidgetPendingProof } from './graphql/widget-pending-proof.type';
import { Widget } from './graphql/widget.type';
import { DEFAULT_ITEM_LIMIT } from './settings/widget-settings';
import type { WidgetSettings } from './settings/widget-settings';

// Latest events kept per (identifier, category): enough for any widget's limit (at most 20).
const EVENTS_PER_GROUP = 20;

/** Whose dashboard: the account's, or a child's in a student session. */
export interface DashboardOwner {
  userId: string;
  childId: string | null;
  ownerId: string;
}

/**
 * Turns widget rows into `Widget`s with missingFields, pendingProofs and content. A bounded number of queries
 * whatever the number of widgets: the person's identifiers (one query) and the latest events of
 * all of them (one query), shared by every widget.
 */
@Injectable()
export class WidgetViewService {
  constructor(
    private readonly factsReader: ProfileFactsReader,
    private readonly events: VisibleEventsReader,
    private readonly deadlines: DocumentDeadlineFacts,
    private readonly licences: DriverLicenseFacts,
  ) {}

  async facts(em: EntityManager, owner: DashboardOwner): Promise<ProfileFacts> {
    const facts = owner.childId
      ? await this.factsReader.forChild(em, owner.userId, owner.childId)
      : await this.factsReader.forUser(em, owner.userId);
    if (!facts) {
      throw AppException.unauthenticated();
    }
    return facts;
  }

  async build(
    em: EntityManager,
    owner: DashboardOwner,
    widgets: readonly WidgetEntity[],
    known?: ProfileFacts,
  ): Promise<Widget[]> {
    if (widgets.length === 0) {
      return [];
    }
    const facts = known ?? (await this.facts(em, owner));
    const complete = widgets.filter(
      (w) =>
        missingFields(facts, widgetDefinition(w.type as WidgetType).requiredFields).length === 0,
    );
    const kinds = new Set(complete.flatMap((w) => widgetDefinition(w.type as WidgetType).subjects));
    const subjects = subjectsOf(facts).filter((s) => kinds.has(s.kind));
    const events =
      subjects.length > 0 ? await this.events.findLatest(em, subjects, EVENTS_PER_GROUP) : [];
    const unproven = unprovenLinksOf(facts);
    const documents = await this.documentsFor(em, owner, complete);
    return widgets.map((row) => {
      const definition = widgetDefinition(row.type as WidgetType);
      const reads = new Set(definition.subjects);
      const settings = JSON.parse(row.settings) as WidgetSettings;
      const missing = missingFields(facts, definition.requiredFields);
      return Object.assign(new Widget(), {
        id: row.id,
        type: row.type as WidgetType,
        position: row.position,
        hidden: row.hidden,
        settings,
        missingFields: missing,
        pendingProofs: unproven
          .filter((link) => reads.has(link.kind))
          .map((link) =>
            Object.assign(new WidgetPendingProof(), {
              field: link.field,
              value: link.value,
              verification: link.verification,
              reason: link.reason,
            }),
          ),
        content:
          missing.length > 0
            ? null
            : row.type === (WidgetType.DOCUMENT_DEADLINES as string)
              ? documentDeadlinesContent(
                  documents,
                  moscowToday(),
                  settings.limit ?? DEFAULT_ITEM_LIMIT,
                )
              : buildWidgetContent(definition, settings, facts, events),
      });
    });
  }

  // Two more queries, only when a complete DOCUMENT_DEADLINES widget is shown. A student session's
  // dashboard has no documents of its own.
  private async documentsFor(
    em: EntityManager,
    owner: DashboardOwner,
    complete: readonly WidgetEntity[],
  ): Promise<DeadlineDocuments> {
    if (
      owner.childId ||
      !complete.some((w) => w.type === (WidgetType.DOCUMENT_DEADLINES as string))
    ) {
      return { passports: [], driverLicense: null };
    }
    // One after the other: `em` may be a transaction's, one connection.
    const { passports } = await this.deadlines.forUser(em, owner.userId);
    const driverLicense = await this.licences.forUser(em, owner.userId);
    return { passports, driverLicense };
  }
}

/** Today in Moscow (UTC+3), `YYYY-MM-DD`. */
function moscowToday(): string {
  return new Date(Date.now() + 3 * 3600 * 1000).toISOString().slice(0, 10);
}
