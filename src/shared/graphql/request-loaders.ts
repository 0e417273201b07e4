import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';

type LoaderFactory = () => DataLoader<unknown, unknown>;

/**
 * Per-request DataLoaders. Modules register a named batch function once at start; every GraphQL
 * request gets fresh loaders (no cross-request caching, so no data leaks between callers).
 */
@Injectable()
export class RequestLoaders {
  private readonly factories = new Map<string, LoaderFactory>();

  register<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): void {
    if (this.factories.has(name)) {
      throw new Error(`Loader ${name} is registered twice`);
    }
    this.factories.set(name, () => new DataLoader<K, V>(batch, { maxBatchSize: 500 }));
  }

  /** A lazy set of loaders for one request. */
  create(): LoaderSet {
    return new LoaderSet(this.factories);
  }
}

/** The loaders of one request, created on first use. */
export class LoaderSet {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  constructor(private readonly factories: Map<string, LoaderFactory>) {}

  get<K, V>(name: string): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      const factory = this.factories.get(name);
      if (!factory) {
        throw new Error(`Loader ${name} is not registered`);
      }
      loader = factory();
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}
