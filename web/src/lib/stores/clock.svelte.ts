import { createSubscriber } from 'svelte/reactivity';

/**
 * A shared one-second clock for "updated 3 s ago" labels. The interval only runs while some
 * component reads `now` in an effect, so a hidden widget costs nothing.
 */
class Clock {
  #subscribe = createSubscriber((update) => {
    const timer = setInterval(update, 1_000);
    return () => clearInterval(timer);
  });

  get now(): number {
    this.#subscribe();
    return Date.now();
  }
}

export const clock = new Clock();
