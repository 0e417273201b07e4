import { NotificationCategory } from '../graphql/notification-category.enum';
import { PUBLIC_CATEGORIES, scopeOf } from './category-exposure';

describe('scopeOf', () => {
  const at = new Date('2026-05-01T10:00:00Z');

  it.each([
    NotificationCategory.TRAFFIC_FINES,
    NotificationCategory.VEHICLE_EVACUATION,
    NotificationCategory.VACCINATION,
    NotificationCategory.EXAM_RESULTS,
    NotificationCategory.CHILD_PERFORMANCE,
    NotificationCategory.OLYMPIAD_RESULTS,
    NotificationCategory.ELECTRICITY_METER,
  ])('should keep %s personal, bound to when it occurred', (category) => {
    expect(scopeOf(category, at)).toEqual({ personal: true, occurredAt: at });
  });

  it('should treat an unknown category as personal', () => {
    expect(scopeOf('SOMETHING_NEW', at)).toEqual({ personal: true, occurredAt: at });
  });

  it('should let only building-wide notices reach unproven links', () => {
    expect([...PUBLIC_CATEGORIES].sort()).toEqual([
      'HOT_WATER_SHUTOFF',
      'PETS',
      'UTILITY_EMERGENCY',
    ]);
    expect(scopeOf(NotificationCategory.HOT_WATER_SHUTOFF, at)).toEqual({ personal: false });
  });
});
