/**
 * A push-fed async iterator for a subscription: `push` from an event callback, consumed by
 * graphql-ws with `next`; `return` (client unsubscribed or disconnected) runs `onClose` once.
 * A client that stops reading loses the oldest events beyond `capacity`, never the process memory.
 */
export class AsyncEventQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private readers: ((result: IteratorResult<T>) => void)[] = [];
  private closed = false;

  constructor(
    private readonly onClose: () => Promise<void> | void,
    private readonly capacity = 100,
  ) {}

  push(value: T): void {
    if (this.closed) {
      return;
    }
    const reader = this.readers.shift();
    if (reader) {
      reader({ value, done: false });
      return;
    }
    this.buffer.push(value);
    if (this.buffer.length > this.capacity) {
      this.buffer.shift();
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) {
      return Promise.resolve({ value: this.buffer.shift()!, done: false });
    }
    if (this.closed) {
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve) => this.readers.push(resolve));
  }

  async return(): Promise<IteratorResult<T>> {
    if (!this.closed) {
      this.closed = true;
      this.buffer.length = 0;
      const readers = this.readers;
      this.readers = [];
      readers.forEach((resolve) => resolve({ value: undefined, done: true }));
      await this.onClose();
    }
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
