import { createHash } from 'node:crypto';
import type { FieldError } from '../../../shared/errors';
import { cleanText } from '../../../shared/identifiers';
import { NotificationCategory } from '../graphql/notification-category.enum';
import type { ServiceEventInput } from '../graphql/service-event.input';
import { SubjectKind } from '../graphql/subject-kind.enum';
import { normalizeSubject } from '../subjects/subject-normalizer';

export const MAX_EVENTS_PER_CALL = 1000;
const MAX_DATA_BYTES = 16 * 1024;
const MAX_AMOUNT = 1_000_000_000;
const FUTURE_TOLERANCE_MS = 24 * 3600 * 1000;
const SOURCE = /^[A-Za-z0-9._:-]{1,100}$/;
const CATEGORIES = new Set<string>(Object.values(NotificationCategory));
// Notices the portal itself sends; agencies never publish them.
const PORTAL_ONLY = new Set<string>([
  NotificationCategory.DOCUMENTS,
  NotificationCategory.ORGANIZATIONS,
  NotificationCategory.REPORTS,
]);
const SUBJECT_KINDS = new Set<string>(Object.values(SubjectKind));

/** An event as stored: values normalised, with the hash of its content. */
export interface NormalizedServiceEvent {
  source: string;
  externalId: string;
  category: NotificationCategory;
  subjectKind: SubjectKind;
  subjectValue: string;
  title: string;
  body: string | null;
  /** Two decimals, as the decimal column returns it. */
  amount: string | null;
  status: string | null;
  occurredAt: Date;
  dueAt: Date | null;
  /** JSON text. */
  data: string | null;
  contentHash: string;
}

type Check = { ok: true; value: NormalizedServiceEvent } | { ok: false; errors: FieldError[] };

function text(
  value: unknown,
  field: string,
  max: number,
  required: boolean,
  errors: FieldError[],
): string | null {
  if (value === null || value === undefined) {
    if (required) {
      errors.push({ field, message: 'Обязательное поле' });
    }
    return null;
  }
  const cleaned = typeof value === 'string' ? cleanText(value) : '';
  if (cleaned === '' && required) {
    errors.push({ field, message: 'Обязательное поле' });
    return null;
  }
  if (cleaned.length > max) {
    errors.push({ field, message: `Не длиннее ${max} символов` });
    return null;
  }
  return cleaned === '' ? null : cleaned;
}

function date(value: unknown, field: string, errors: FieldError[]): Date | null {
  if (value === null || value === undefined) {
    return null;
  }
  const parsed =
    value instanceof Date
      ? value
      : typeof value === 'string' || typeof value === 'number'
        ? new Date(value)
        : new Date(NaN);
  if (Number.isNaN(parsed.getTime())) {
    errors.push({ field, message: 'Неверная дата' });
    return null;
  }
  return parsed;
}

// Object keys sorted, so equal data gives equal text (and hash) whatever the key order.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function dataOf(value: unknown, field: string, errors: FieldError[]): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    errors.push({ field, message: 'Ожидается JSON-объект' });
    return null;
  }
  const json = canonicalJson(value);
  if (Buffer.byteLength(json) > MAX_DATA_BYTES) {
    errors.push({ field, message: 'Не больше 16 КиБ' });
    return null;
  }
  return json;
}

function amountOf(value: unknown, field: string, errors: FieldError[]): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_AMOUNT) {
    errors.push({ field, message: 'Сумма: от 0 до 1 000 000 000 рублей' });
    return null;
  }
  return value.toFixed(2);
}

/** Checks and normalises one event; every problem is named `events[<index>].<field>`. */
export function validateServiceEvent(input: ServiceEventInput, index: number, now: Date): Check {
  const at = (field: string) => `events[${index}].${field}`;
  const errors: FieldError[] = [];
  const source = typeof input.source === 'string' ? input.source.trim() : '';
  if (!SOURCE.test(source)) {
    errors.push({ field: at('source'), message: 'От 1 до 100 символов: латиница, цифры, . _ : -' });
  }
  const externalId = text(input.externalId, at('externalId'), 200, true, errors);
  if (!CATEGORIES.has(input.category) || PORTAL_ONLY.has(input.category)) {
    errors.push({ field: at('category'), message: 'Эта категория не принимается от ведомств' });
  }
  let subjectValue: string | null = null;
  if (!input.subject || !SUBJECT_KINDS.has(input.subject.kind)) {
    errors.push({ field: at('subject.kind'), message: 'Неизвестный вид идентификатора' });
  } else if (typeof input.subject.value !== 'string') {
    errors.push({ field: at('subject.value'), message: 'Обязательное поле' });
  } else {
    const subject = normalizeSubject(input.subject.kind, input.subject.value);
    if (subject.valid) {
      subjectValue = subject.value;
    } else {
      errors.push({ field: at('subject.value'), message: subject.message });
    }
  }
  const title = text(input.title, at('title'), 300, true, errors);
  const body = text(input.body, at('body'), 2000, false, errors);
  const status = text(input.status, at('status'), 50, false, errors);
  const amount = amountOf(input.amount, at('amount'), errors);
  const occurredAt = date(input.occurredAt, at('occurredAt'), errors);
  if (!occurredAt && !errors.some((e) => e.field === at('occurredAt'))) {
    errors.push({ field: at('occurredAt'), message: 'Обязательное поле' });
  } else if (occurredAt && occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    errors.push({ field: at('occurredAt'), message: 'Дата события в будущем' });
  }
  const dueAt = date(input.dueAt, at('dueAt'), errors);
  const data = dataOf(input.data, at('data'), errors);
  if (errors.length > 0) {
    return { ok: false, errors };
  }
  const content = {
    category: input.category,
    subjectKind: input.subject.kind,
    subjectValue: subjectValue!,
    title: title!,
    body,
    amount,
    status,
    occurredAt: occurredAt!.toISOString(),
    dueAt: dueAt?.toISOString() ?? null,
    data,
  };
  return {
    ok: true,
    value: {
      source,
      externalId: externalId!,
      ...content,
      occurredAt: occurredAt!,
      dueAt,
      contentHash: createHash('sha256').update(canonicalJson(content)).digest('hex'),
    },
  };
}

/**
 * Checks a whole batch: at most {@link MAX_EVENTS_PER_CALL} events, each valid, no
 * (source, externalId) twice. Returns the normalised events or every problem found.
 */
export function validateServiceEvents(
  inputs: readonly ServiceEventInput[],
  now: Date,
): { ok: true; events: NormalizedServiceEvent[] } | { ok: false; errors: FieldError[] } {
  if (inputs.length > MAX_EVENTS_PER_CALL) {
    return {
      ok: false,
      errors: [{ field: 'events', message: `Не больше ${MAX_EVENTS_PER_CALL} событий за вызов` }],
    };
  }
  const errors: FieldError[] = [];
  const events: NormalizedServiceEvent[] = [];
  const seen = new Map<string, number>();
  inputs.forEach((input, index) => {
    const check = validateServiceEvent(input, index, now);
    if (!check.ok) {
      errors.push(...check.errors);
      return;
    }
    const key = `${check.value.source}\u0000${check.value.externalId}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        field: `events[${index}].externalId`,
        message: `Повторяет событие events[${first}] того же источника`,
      });
      return;
    }
    seen.set(key, index);
    events.push(check.value);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, events };
}
