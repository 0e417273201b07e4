import { LinkVerification } from '../../identity';
import type { ProfileFacts } from '../../service-events';
import { widgetDefinition } from '../catalog/widget-catalog';
import { WidgetType } from '../graphql/widget-type.enum';
import { buildWidgetContent, WidgetEvent } from './widget-content.builder';

const FACTS: ProfileFacts = {
  userId: 'u1',
  childId: null,
  phone: '+79161234567',
  phoneSince: null,
  email: null,
  birthDate: null,
  address: null,
  driverLicense: null,
  payerCode: null,
  electricityAccount: null,
  omsPolicy: null,
  snils: null,
  snilsVerifiedAt: null,
  vehicles: ['А123ВС77'],
  children: [
    {
      id: 'c1',
      snils: '112-233-445 95',
      verification: LinkVerification.VERIFIED,
      verifiedAt: null,
    },
    {
      id: 'c2',
      snils: '123-456-789 64',
      verification: LinkVerification.VERIFIED,
      verifiedAt: null,
    },
  ],
  links: [],
};

function event(overrides: Partial<WidgetEvent>): WidgetEvent {
  return {
    id: Math.random().toString(36),
    category: 'TRAFFIC_FINES',
    subjectKind: 'VEHICLE_PLATE',
    subjectValue: 'А123ВС77',
    title: 'Штраф',
    body: null,
    amount: '500.00',
    status: 'UNPAID',
    occurredAt: new Date('2026-04-01T10:00:00Z'),
    dueAt: null,
    ...overrides,
  };
}

describe('buildWidgetContent', () => {
  it('should sum unpaid fines, count them in the badge and list newest first', () => {
    const events = [
      event({ title: 'Старый', occurredAt: new Date('2026-03-01T00:00:00Z') }),
      event({
        title: 'Новый',
        amount: '1000.00',
        dueAt: new Date('2026-05-01T00:00:00Z'),
        occurredAt: new Date('2026-04-20T00:00:00Z'),
      }),
      event({ title: 'Оплаченный', status: 'PAID' }),
      event({ title: 'Показания', category: 'ELECTRICITY_METER' }),
    ];
    const content = buildWidgetContent(
      widgetDefinition(WidgetType.TRAFFIC_FINES),
      {},
      FACTS,
      events,
    );
    expect(content.badge).toBe(2);
    expect(content.summary).toBe('Неоплаченных штрафов: 2 на сумму 1\u00a0500,00 ₽');
    expect(content.items.map((i) => i.title)).toEqual(['Новый', 'Оплаченный', 'Старый']);
    expect(content.items[0]).toMatchObject({
      amount: 1000,
      date: new Date('2026-05-01T00:00:00Z'),
    });
  });

  it('should show only unpaid items within the limit when asked', () => {
    const events = [event({ status: 'PAID' }), event({}), event({}), event({})];
    const content = buildWidgetContent(
      widgetDefinition(WidgetType.TRAFFIC_FINES),
      { unpaidOnly: true, limit: 2 },
      FACTS,
      events,
    );
    expect(content.items).toHaveLength(2);
    expect(content.items.every((i) => i.status === 'UNPAID')).toBe(true);
  });

  it('should keep to the chosen child in a child widget', () => {
    const events = [
      event({
        category: 'EXAM_RESULTS',
        subjectKind: 'CHILD_SNILS',
        subjectValue: '112-233-445 95',
        title: 'Первый',
      }),
      event({
        category: 'EXAM_RESULTS',
        subjectKind: 'CHILD_SNILS',
        subjectValue: '123-456-789 64',
        title: 'Второй',
      }),
    ];
    const content = buildWidgetContent(
      widgetDefinition(WidgetType.STATE_EXAMS),
      { childId: 'c2' },
      FACTS,
      events,
    );
    expect(content.items.map((i) => i.title)).toEqual(['Второй']);
    expect(content.summary).toBe('Второй');
  });

  it('should say that nothing is new when no event matches', () => {
    const content = buildWidgetContent(widgetDefinition(WidgetType.HEALTH), {}, FACTS, []);
    expect(content).toMatchObject({ summary: 'Пока ничего нового', badge: 0, items: [] });
  });
});
