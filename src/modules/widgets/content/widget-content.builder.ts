import type { ProfileFacts, ServiceEventEntity } from '../../service-events';
import type { WidgetDefinitionEntry } from '../catalog/widget-catalog';
import { WidgetType } from '../graphql/widget-type.enum';
import { WidgetContent } from '../graphql/widget-content.type';
import { WidgetItem } from '../graphql/widget-item.type';
import { DEFAULT_ITEM_LIMIT } from '../settings/widget-settings';
import type { WidgetSettings } from '../settings/widget-settings';

/** An event the widget may show (a subset of the stored row). */
export type WidgetEvent = Pick<
  ServiceEventEntity,
  | 'id'
  | 'category'
  | 'subjectKind'
  | 'subjectValue'
  | 'title'
  | 'body'
  | 'amount'
  | 'status'
  | 'occurredAt'
  | 'dueAt'
>;

const PAID = /^(PAID|ОПЛАЧЕН|ОПЛАЧЕНО|ПОГАШЕН)$/i;
const RUB = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Whether a payable event is settled (status `PAID` or its Russian equivalents). */
export function isPaid(event: Pick<WidgetEvent, 'status'>): boolean {
  return event.status !== null && PAID.test(event.status.trim());
}

function toItem(event: WidgetEvent): WidgetItem {
  return Object.assign(new WidgetItem(), {
    title: event.title,
    subtitle: event.body,
    amount: event.amount === null ? null : Number(event.amount),
    status: event.status,
    date: event.dueAt ?? event.occurredAt,
  });
}

function payableSummary(type: WidgetType, unpaid: WidgetEvent[]): string {
  const total = unpaid.reduce((sum, e) => sum + Number(e.amount ?? 0), 0);
  if (type === WidgetType.TRAFFIC_FINES) {
    return unpaid.length === 0
      ? 'Неоплаченных штрафов нет'
      : `Неоплаченных штрафов: ${unpaid.length} на сумму ${RUB.format(total)} ₽`;
  }
  return unpaid.length === 0
    ? 'Задолженности нет'
    : `К оплате: ${RUB.format(total)} ₽ (счетов: ${unpaid.length})`;
}

/**
 * A widget's content from the person's events (already fetched for the whole dashboard): those
 * of the widget's identifiers and categories, newest first, `limit` of them.
 */
export function buildWidgetContent(
  definition: WidgetDefinitionEntry,
  settings: WidgetSettings,
  facts: ProfileFacts,
  events: readonly WidgetEvent[],
): WidgetContent {
  const childSnils = settings.childId
    ? (facts.children.find((c) => c.id === settings.childId)?.snils ?? null)
    : undefined;
  const relevant = events
    .filter(
      (e) =>
        definition.subjects.includes(e.subjectKind as never) &&
        (definition.categories.length === 0 ||
          definition.categories.includes(e.category as never)) &&
        (childSnils === undefined || e.subjectValue === childSnils),
    )
    .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime());
  const limit = settings.limit ?? DEFAULT_ITEM_LIMIT;
  if (definition.kind === 'payable') {
    const unpaid = relevant.filter((e) => e.amount !== null && !isPaid(e));
    const shown = settings.unpaidOnly ? unpaid : relevant;
    return Object.assign(new WidgetContent(), {
      summary: payableSummary(definition.type, unpaid),
      badge: unpaid.length,
      items: shown.slice(0, limit).map(toItem),
    });
  }
  return Object.assign(new WidgetContent(), {
    summary: relevant[0]?.title ?? 'Пока ничего нового',
    badge: relevant.length,
    items: relevant.slice(0, limit).map(toItem),
  });
}
