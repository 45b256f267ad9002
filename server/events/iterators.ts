/**
 * Maps an async iterator, dropping items mapped to null. Unlike an async generator, its
 * `return()` reaches the source at once even while a `next()` is pending, so a GraphQL
 * subscription that ends unsubscribes from the bus immediately instead of after the next
 * event.
 */
export function filterMap<T, U>(
  source: AsyncIterator<T>,
  map: (item: T) => U | null,
): AsyncIterableIterator<U> {
  const iterator: AsyncIterableIterator<U> = {
    async next() {
      for (;;) {
        const result = await source.next();
        if (result.done) return { value: undefined, done: true };
        const mapped = map(result.value);
        if (mapped !== null) return { value: mapped, done: false };
      }
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
