import type { InjectionToken, Provider, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';

/**
 * A jest mock that fails the test when called without a stub: a dependency's method the code
 * under test should not use throws instead of quietly answering `undefined`.
 */
export function strictFn(name = 'mock'): jest.Mock {
  return jest.fn((...args: unknown[]) => {
    throw new Error(`unexpected call: ${name}(${JSON.stringify(args)})`);
  });
}

/**
 * An object whose given members answer and whose other members throw when read: for handing a
 * dependency as a plain object with only what the test expects to be used.
 */
export function strictObject<T extends object>(stubs: Partial<Record<keyof T, unknown>> = {}): T {
  return new Proxy(stubs, {
    get: (target, prop) => {
      if (prop in target) {
        return target[prop as keyof typeof target];
      }
      // Not a thenable: awaiting the object must not look for `then`.
      if (prop === 'then') {
        return undefined;
      }
      throw new Error(`unexpected call: ${String(prop)}`);
    },
  }) as T;
}

/** An auto-mocked dependency: every method is a {@link strictFn}, created on first read. */
export type AutoMock<T> = {
  [K in keyof T]: T[K] extends (...args: never[]) => unknown ? jest.Mock : T[K];
};

function tokenName(token: InjectionToken): string {
  if (typeof token === 'function') {
    return token.name;
  }
  return String(token);
}

function autoMock(token: InjectionToken): Record<string | symbol, unknown> {
  const made: Record<string | symbol, unknown> = {};
  return new Proxy(made, {
    get: (target, prop) => {
      if (prop === 'then' || prop === 'onModuleInit' || prop === 'onModuleDestroy') {
        return undefined;
      }
      target[prop] ??= strictFn(`${tokenName(token)}.${String(prop)}`);
      return target[prop];
    },
  });
}

/** What {@link newTestService} gives: the service and its dependencies' mocks. */
export interface TestService<S> {
  service: S;
  /** The auto-mock (or the given value) injected for `token`. */
  mock<T>(token: InjectionToken<T> | Type<T>): AutoMock<T>;
}

/**
 * Builds `service` through Nest's DI as the application would, with every constructor dependency
 * auto-mocked ({@link AutoMock}: each method throws until the test stubs it), except those given
 * in `provide` (a value for a token, e.g. a config namespace or a fake transaction runner).
 *
 *     const { service, mock } = await newTestService(WidgetService, [[widgetsConfig.KEY, { max: 3 }]]);
 *     mock(WidgetRepository).findById.mockResolvedValue(widget);
 */
export async function newTestService<S>(
  service: Type<S>,
  provide: Array<[InjectionToken, unknown]> = [],
): Promise<TestService<S>> {
  const providers: Provider[] = [
    service,
    ...provide.map(([token, value]) => ({ provide: token, useValue: value })),
  ];
  const moduleRef = await Test.createTestingModule({ providers })
    .useMocker((token) => autoMock(token as InjectionToken))
    .compile();
  return {
    service: moduleRef.get(service),
    mock: <T>(token: InjectionToken<T> | Type<T>) =>
      moduleRef.get<unknown, AutoMock<T>>(token, { strict: false }),
  };
}
