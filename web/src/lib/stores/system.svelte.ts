import { client, onSocketEvent } from '../graphql/client.ts';
import { ShellInfoQuery } from '../graphql/documents/system.ts';
import type { ShellInfoQuery as ShellInfo } from '../graphql/generated/graphql.ts';

/** What the shell shows about the server: its name and version. */
class SystemInfo {
  info = $state<ShellInfo | null>(null);
  #started = false;

  readonly displayName: string = $derived(this.info?.systemSettings.displayName || 'Pulse');
  /** Always "v"-prefixed, whether or not the server's string already is. */
  readonly version: string | null = $derived(
    this.info ? `v${this.info.version.version.replace(/^v/, '')}` : null,
  );

  start(): void {
    if (this.#started) return;
    this.#started = true;
    void this.#load();
    // After a reconnect the server may have been upgraded, so the version is re-read.
    onSocketEvent((event) => {
      if (event === 'reconnected') void this.#load();
    });
  }

  async #load(): Promise<void> {
    const result = await client
      .query(ShellInfoQuery, {}, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.data) this.info = result.data;
  }
}

export const system = new SystemInfo();
