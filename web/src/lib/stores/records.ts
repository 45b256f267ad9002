import { client } from '../graphql/client.ts';
import { RecordsChangedSubscription } from '../graphql/documents/records.ts';

/** The record lists a `recordsChanged` event can name. */
export type RecordKind = 'backups' | 'snapshots' | 'tasks' | 'jobs' | 'replication';
type RecordsListener = (kinds: readonly string[], source: string) => void;

const RESUBSCRIBE_MS = 5_000;

const listeners = new Set<RecordsListener>();
let subscription: { unsubscribe(): void } | null = null;
/** Bumped whenever the current subscription ends, so its late results are ignored. */
let generation = 0;
let retry: ReturnType<typeof setTimeout> | undefined;

function close(): void {
  generation += 1;
  clearTimeout(retry);
  subscription?.unsubscribe();
  subscription = null;
}

function subscribe(): void {
  const mine = ++generation;
  subscription = client.subscription(RecordsChangedSubscription, {}).subscribe((result) => {
    if (mine !== generation) return;
    if (result.data) {
      const { kinds, source } = result.data.recordsChanged;
      for (const listener of listeners) listener(kinds, source);
      return;
    }
    // Socket drops are retried inside graphql-ws; reaching here means the server ended the
    // subscription, so start over after a pause while anyone is still listening.
    generation += 1;
    retry = setTimeout(() => {
      if (listeners.size === 0) return;
      close();
      subscribe();
    }, RESUBSCRIBE_MS);
  });
}

/**
 * Calls the listener whenever a poll changed one of the given record lists. All listeners
 * share one `recordsChanged` subscription, opened for the first and closed after the last.
 */
export function onRecordsChanged(
  kinds: readonly RecordKind[],
  listener: (source: string) => void,
): () => void {
  const filtered: RecordsListener = (changed, source) => {
    if (changed.some((kind) => (kinds as readonly string[]).includes(kind))) listener(source);
  };
  listeners.add(filtered);
  if (subscription === null) subscribe();
  return () => {
    listeners.delete(filtered);
    if (listeners.size === 0) close();
  };
}
