import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthPrincipal } from '../../shared/auth';
import { TransactionRunner } from '../../core/database/transaction-runner';
import { AppException } from '../../shared/errors';
import { IdentityDirectory } from '../identity';
import type { ProfileFacts } from '../service-events';
import { WIDGET_CATALOG } from './catalog/widget-catalog';
import { WidgetEntity } from './entities/widget.entity';
import { WidgetDefinition } from './graphql/widget-definition.type';
import type { WidgetType } from './graphql/widget-type.enum';
import type { Widget } from './graphql/widget.type';
import { validateWidgetSettings, WidgetSettings } from './settings/widget-settings';
import { WidgetException } from './widget.exception';
import { WidgetRepository } from './widget.repository';
import { DashboardOwner, WidgetViewService } from './widget-view.service';

/** The dashboard of a person (or of a child in a student session); integrator clients have none. */
export function dashboardOwner(principal: AuthPrincipal): DashboardOwner {
  if (principal.kind !== 'user' || !principal.userId) {
    throw WidgetException.notAPerson();
  }
  return {
    userId: principal.userId,
    childId: principal.actingChildId,
    ownerId: principal.actingChildId ?? principal.userId,
  };
}

/**
 * `widgetCatalog`, `dashboard` and the widget mutations. Every change runs in one transaction
 * holding the account's lock (IdentityDirectory.lockAccount), and positions are rewritten to
 * 0..n-1 before it commits.
 */
@Injectable()
export class WidgetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly widgets: WidgetRepository,
    private readonly views: WidgetViewService,
    private readonly identity: IdentityDirectory,
  ) {}

  catalog(): WidgetDefinition[] {
    return WIDGET_CATALOG.map((d) =>
      Object.assign(new WidgetDefinition(), {
        type: d.type,
        title: d.title,
        description: d.description,
        requiredFields: [...d.requiredFields],
      }),
    );
  }

  async dashboard(principal: AuthPrincipal, includeHidden: boolean): Promise<Widget[]> {
    const owner = dashboardOwner(principal);
    const em = this.dataSource.manager;
    const rows = await this.widgets.findManyByOwner(em, owner.ownerId);
    return this.views.build(em, owner, includeHidden ? rows : rows.filter((w) => !w.hidden));
  }

  async add(principal: AuthPrincipal, type: WidgetType, rawSettings: unknown): Promise<Widget> {
    const owner = dashboardOwner(principal);
    return this.locked(owner, async (em, rows, facts) => {
      const settings = this.settingsFor(type, rawSettings, facts);
      if (rows.some((w) => w.type === (type as string))) {
        throw WidgetException.exists();
      }
      const now = new Date();
      const widget = Object.assign(new WidgetEntity(), {
        id: randomUUID(),
        userId: owner.userId,
        ownerId: owner.ownerId,
        childId: owner.childId,
        type,
        position: rows.length,
        hidden: false,
        settings: JSON.stringify(settings),
        createdAt: now,
        updatedAt: now,
      });
      await this.widgets.insert(em, widget);
      return (await this.views.build(em, owner, [widget], facts))[0];
    });
  }

  async move(principal: AuthPrincipal, id: string, position: number): Promise<Widget[]> {
    const owner = dashboardOwner(principal);
    return this.locked(owner, async (em, rows, facts) => {
      const widget = this.find(rows, id);
      if (position >= rows.length) {
        throw WidgetException.positionInvalid(rows.length);
      }
      const ordered = rows.filter((w) => w.id !== id);
      ordered.splice(position, 0, widget);
      await this.writePositions(em, ordered);
      return this.views.build(em, owner, ordered, facts);
    });
  }

  async updateSettings(
    principal: AuthPrincipal,
    id: string,
    rawSettings: unknown,
  ): Promise<Widget> {
    const owner = dashboardOwner(principal);
    return this.locked(owner, async (em, rows, facts) => {
      const widget = this.find(rows, id);
      const settings = this.settingsFor(widget.type as WidgetType, rawSettings, facts);
      widget.settings = JSON.stringify(settings);
      widget.updatedAt = new Date();
      await this.widgets.update(em, id, { settings: widget.settings, updatedAt: widget.updatedAt });
      return (await this.views.build(em, owner, [widget], facts))[0];
    });
  }

  async setHidden(principal: AuthPrincipal, id: string, hidden: boolean): Promise<Widget> {
    const owner = dashboardOwner(principal);
    return this.locked(owner, async (em, rows, facts) => {
      const widget = this.find(rows, id);
      widget.hidden = hidden;
      widget.updatedAt = new Date();
      await this.widgets.update(em, id, { hidden, updatedAt: widget.updatedAt });
      return (await this.views.build(em, owner, [widget], facts))[0];
    });
  }

  async remove(principal: AuthPrincipal, id: string): Promise<boolean> {
    const owner = dashboardOwner(principal);
    return this.locked(owner, async (em, rows) => {
      this.find(rows, id);
      await this.widgets.delete(em, id);
      await this.writePositions(
        em,
        rows.filter((w) => w.id !== id),
      );
      return true;
    });
  }

  /** Runs a change with the account locked and the owner's widgets read under that lock. */
  private locked<T>(
    owner: DashboardOwner,
    work: (em: EntityManager, rows: WidgetEntity[], facts: ProfileFacts) => Promise<T>,
  ): Promise<T> {
    return this.tx.run(async (em) => {
      if (!(await this.identity.lockAccount(em, owner.userId))) {
        throw AppException.unauthenticated();
      }
      const facts = await this.views.facts(em, owner);
      return work(em, await this.widgets.findManyByOwner(em, owner.ownerId), facts);
    });
  }

  private find(rows: WidgetEntity[], id: string): WidgetEntity {
    const widget = rows.find((w) => w.id === id);
    if (!widget) {
      throw WidgetException.widgetNotFound();
    }
    return widget;
  }

  /** Rewrites positions to the list order (0..n-1), touching only rows that moved. */
  private async writePositions(em: EntityManager, ordered: WidgetEntity[]): Promise<void> {
    const now = new Date();
    for (const [index, widget] of ordered.entries()) {
      if (widget.position !== index) {
        widget.position = index;
        await this.widgets.update(em, widget.id, { position: index, updatedAt: now });
      }
    }
  }

  private settingsFor(type: WidgetType, raw: unknown, facts: ProfileFacts): WidgetSettings {
    const check = validateWidgetSettings(type, raw);
    if (!check.ok) {
      throw WidgetException.settingsInvalid(check.errors);
    }
    const childId = check.settings.childId;
    if (childId && !facts.children.some((c) => c.id === childId)) {
      throw WidgetException.settingsInvalid([
        { field: 'settings.childId', message: 'Такого ребёнка нет в профиле' },
      ]);
    }
    return check.settings;
  }
}
