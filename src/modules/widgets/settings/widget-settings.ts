import type { FieldError } from '../../../shared/errors';
import { widgetDefinition } from '../catalog/widget-catalog';
import type { WidgetType } from '../graphql/widget-type.enum';

/** Settings of a widget after validation (only the keys its type accepts). */
export interface WidgetSettings {
  /** Items shown: 1..20, default 5. */
  limit?: number;
  /** Payable widgets (PAYMENTS, TRAFFIC_FINES): only unpaid items. */
  unpaidOnly?: boolean;
  /** Child widgets (CHILD_AT_SCHOOL, SPORTS_SCHOOLS, STATE_EXAMS): one child only. */
  childId?: string | null;
}

export const DEFAULT_ITEM_LIMIT = 5;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Rule = (value: unknown) => string | null;

const RULES: Record<keyof WidgetSettings, Rule> = {
  limit: (v) =>
    Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 20
      ? null
      : 'Целое число от 1 до 20',
  unpaidOnly: (v) => (typeof v === 'boolean' ? null : 'Ожидается true или false'),
  childId: (v) =>
    v === null || (typeof v === 'string' && UUID.test(v)) ? null : 'Идентификатор ребёнка или null',
};

/** The settings keys a widget type accepts. */
export function allowedSettings(type: WidgetType): (keyof WidgetSettings)[] {
  const definition = widgetDefinition(type);
  return [
    'limit',
    ...(definition.kind === 'payable' ? (['unpaidOnly'] as const) : []),
    ...(definition.childScoped ? (['childId'] as const) : []),
  ];
}

/**
 * Validates settings for a widget type: a JSON object with only the keys the type accepts, each
 * of its type. Errors name `settings.<key>`. Whether a childId is the person's own child is for
 * the caller to check.
 */
export function validateWidgetSettings(
  type: WidgetType,
  raw: unknown,
): { ok: true; settings: WidgetSettings } | { ok: false; errors: FieldError[] } {
  if (raw === null || raw === undefined) {
    return { ok: true, settings: {} };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errors: [{ field: 'settings', message: 'Ожидается JSON-объект' }] };
  }
  const allowed = new Set<string>(allowedSettings(type));
  const errors: FieldError[] = [];
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!allowed.has(key)) {
      errors.push({ field: `settings.${key}`, message: 'Этот виджет не знает такой настройки' });
      continue;
    }
    const problem = RULES[key as keyof WidgetSettings](value);
    if (problem) {
      errors.push({ field: `settings.${key}`, message: problem });
    } else {
      settings[key] = value;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings };
}
