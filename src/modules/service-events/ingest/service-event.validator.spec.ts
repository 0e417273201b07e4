import { NotificationCategory } from '../graphql/notification-category.enum';
import type { ServiceEventInput } from '../graphql/service-event.input';
import { SubjectKind } from '../graphql/subject-kind.enum';
import { validateServiceEvent, validateServiceEvents } from './service-event.validator';

const NOW = new Date('2026-05-01T10:00:00Z');

function fine(overrides: Partial<ServiceEventInput> = {}): ServiceEventInput {
  return {
    source: 'gibdd',
    externalId: '18810177260501000001',
    category: NotificationCategory.TRAFFIC_FINES,
    subject: { kind: SubjectKind.VEHICLE_PLATE, value: 'a123bc77' },
    title: 'Штраф за превышение скорости',
    body: 'Скидка 50% до 20.05.2026',
    amount: 500,
    status: 'UNPAID',
    occurredAt: new Date('2026-04-30T08:00:00Z'),
    dueAt: new Date('2026-05-20T21:00:00Z'),
    data: { article: '12.9.2', camera: 17 },
    ...overrides,
  };
}

describe('validateServiceEvent', () => {
  it('should normalise the subject and keep the content when the event is valid', () => {
    const check = validateServiceEvent(fine(), 0, NOW);
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.value).toMatchObject({
        subjectKind: 'VEHICLE_PLATE',
        subjectValue: 'А123ВС77',
        amount: '500.00',
        data: '{"article":"12.9.2","camera":17}',
      });
      expect(check.value.contentHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('should give the same hash when only the key order of data differs, another when content does', () => {
    const a = validateServiceEvent(fine({ data: { camera: 17, article: '12.9.2' } }), 0, NOW);
    const b = validateServiceEvent(fine(), 0, NOW);
    const c = validateServiceEvent(fine({ amount: 250 }), 0, NOW);
    const hash = (x: typeof a) => (x.ok ? x.value.contentHash : '');
    expect(hash(a)).toBe(hash(b));
    expect(hash(c)).not.toBe(hash(b));
  });

  it('should name the index and field of every problem', () => {
    const check = validateServiceEvent(
      fine({
        source: 'bad source!',
        subject: { kind: SubjectKind.SNILS, value: '123' },
        amount: -1,
        title: '  ',
        occurredAt: new Date('2026-06-01T00:00:00Z'),
        category: NotificationCategory.DOCUMENTS,
        data: [1, 2] as unknown,
      }),
      7,
      NOW,
    );
    expect(check.ok).toBe(false);
    const fields = check.ok ? [] : check.errors.map((e) => e.field).sort();
    expect(fields).toEqual(
      [
        'events[7].amount',
        'events[7].category',
        'events[7].data',
        'events[7].occurredAt',
        'events[7].source',
        'events[7].subject.value',
        'events[7].title',
      ].sort(),
    );
  });
});

describe('validateServiceEvents', () => {
  it('should refuse more than 1 000 events at once', () => {
    const result = validateServiceEvents(new Array(1001).fill(fine()), NOW);
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'events', message: expect.any(String) }],
    });
  });

  it('should refuse the same (source, externalId) twice in a batch, naming the repeat', () => {
    const result = validateServiceEvents([fine(), fine({ externalId: 'x' }), fine()], NOW);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['events[2].externalId']);
  });

  it('should return every event normalised when all are valid', () => {
    const result = validateServiceEvents([fine(), fine({ externalId: '2' })], NOW);
    expect(result.ok && result.events.map((e) => e.externalId)).toEqual([
      '18810177260501000001',
      '2',
    ]);
  });
});
