import { Environment, MessageStatus } from '../inter-agency.enums';
import { isLater, ResolvedEvent, summarize } from './message-events.rules';

function event(
  status: MessageStatus,
  at: string,
  extra: Partial<ResolvedEvent> = {},
): ResolvedEvent {
  return {
    messageId: 'm-1',
    dataKindId: 'k',
    consumerSystemId: 'c',
    consumerOrganizationId: 'co',
    providerSystemId: null,
    providerOrganizationId: null,
    environment: Environment.TEST,
    status,
    at: new Date(at),
    detail: null,
    ...extra,
  };
}

describe(summarize.name, () => {
  const timeline = [
    event(MessageStatus.SENT, '2026-01-01T10:00:00.000Z'),
    event(MessageStatus.DELIVERED, '2026-01-01T10:00:01.000Z', {
      providerSystemId: 'p',
      providerOrganizationId: 'po',
    }),
    event(MessageStatus.ANSWERED, '2026-01-01T10:00:05.000Z'),
  ];

  it('should give the same summary whatever the order of events', () => {
    const orders = [
      [0, 1, 2],
      [2, 1, 0],
      [1, 2, 0],
      [2, 0, 1],
    ];
    const results = orders.map((order) => summarize(order.map((i) => timeline[i])));
    for (const [summary] of results) {
      expect(summary).toMatchObject({
        status: MessageStatus.ANSWERED,
        statusAt: new Date('2026-01-01T10:00:05.000Z'),
        createdAt: new Date('2026-01-01T10:00:00.000Z'),
        updatedAt: new Date('2026-01-01T10:00:05.000Z'),
        providerSystemId: 'p',
        providerOrganizationId: 'po',
      });
    }
  });

  it('should break a tie of times by status rank, not by arrival', () => {
    const at = '2026-01-01T10:00:00.000Z';
    expect(
      summarize([event(MessageStatus.ERROR, at), event(MessageStatus.DELIVERED, at)])[0].status,
    ).toBe(MessageStatus.ERROR);
    expect(
      summarize([event(MessageStatus.DELIVERED, at), event(MessageStatus.ERROR, at)])[0].status,
    ).toBe(MessageStatus.ERROR);
  });

  it('should sort summaries by message id so batches lock rows in one order', () => {
    const rows = summarize([
      event(MessageStatus.SENT, '2026-01-01T10:00:00Z', { messageId: 'b' }),
      event(MessageStatus.SENT, '2026-01-01T10:00:00Z', { messageId: 'a' }),
    ]);
    expect(rows.map((r) => r.messageId)).toEqual(['a', 'b']);
  });
});

describe(isLater.name, () => {
  it('should order by time first', () => {
    const early = { at: new Date(1000), status: MessageStatus.ERROR };
    const late = { at: new Date(2000), status: MessageStatus.SENT };
    expect(isLater(late, early)).toBe(true);
    expect(isLater(early, late)).toBe(false);
    expect(isLater(early, early)).toBe(false);
  });
});
