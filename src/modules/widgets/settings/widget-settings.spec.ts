import { WidgetType } from '../graphql/widget-type.enum';
import { validateWidgetSettings } from './widget-settings';

describe('validateWidgetSettings', () => {
  it('should accept the keys of each type and default to {}', () => {
    expect(
      validateWidgetSettings(WidgetType.TRAFFIC_FINES, { limit: 3, unpaidOnly: true }),
    ).toEqual({
      ok: true,
      settings: { limit: 3, unpaidOnly: true },
    });
    expect(
      validateWidgetSettings(WidgetType.STATE_EXAMS, {
        childId: '0b6f1c1e-3a52-4d0e-9f6b-1d1f8f6a7c11',
      }),
    ).toEqual({ ok: true, settings: { childId: '0b6f1c1e-3a52-4d0e-9f6b-1d1f8f6a7c11' } });
    expect(validateWidgetSettings(WidgetType.HEALTH, null)).toEqual({ ok: true, settings: {} });
  });

  it('should refuse a key another type accepts, naming it', () => {
    expect(validateWidgetSettings(WidgetType.HEALTH, { unpaidOnly: true })).toEqual({
      ok: false,
      errors: [{ field: 'settings.unpaidOnly', message: expect.any(String) }],
    });
    expect(validateWidgetSettings(WidgetType.PAYMENTS, { childId: null })).toMatchObject({
      ok: false,
      errors: [{ field: 'settings.childId' }],
    });
  });

  it('should refuse values of the wrong type or range', () => {
    const result = validateWidgetSettings(WidgetType.TRAFFIC_FINES, {
      limit: 21,
      unpaidOnly: 'yes',
    });
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual([
      'settings.limit',
      'settings.unpaidOnly',
    ]);
    expect(validateWidgetSettings(WidgetType.PAYMENTS, [1])).toMatchObject({
      ok: false,
      errors: [{ field: 'settings' }],
    });
    expect(validateWidgetSettings(WidgetType.CHILD_AT_SCHOOL, { childId: 'x' })).toMatchObject({
      ok: false,
    });
  });
});
