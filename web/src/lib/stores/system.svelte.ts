import { client, onSocketEvent } from '../graphql/client.ts';
import { DemoActiveQuery, ShellInfoQuery } from '../graphql/documents/system.ts';
import type { ShellInfoQuery as ShellInfo } from '../graphql/generated/graphql.ts';

/** What the shell shows about the server: its name and version, and whether it runs the demo. */
class SystemInfo {
  info = $state<ShellInfo | null>(null);
  /** Null until known, so the demo banner never flashes up on a real estate. */
  demoActive = $state<boolean | null>(null);
  #started = false;
  #sources: string | null = null;

  readonly displayName: string = $derived(this.info?.systemSettings.displayName || 'Pulse');
  /** Always "v"-prefixed, whether or not the server's string already is. */
  readonly version: string | null = $derived(
    this.info ? `v${this.info.version.version.replace(/^v/, '')}` : null,
  );

  start(): void {
    if (this.#started) return;
    this.#started = true;
    void this.#load();
    void this.refreshDemo();
    // After a reconnect the server may have been upgraded, so the version is re-read.
    onSocketEvent((event) => {
      if (event === 'reconnected') {
        void this.#load();
        void this.refreshDemo();
      }
    });
  }

  /**
   * The demo stops when the first real node is added and returns when the last is removed,
   * which the dashboard sees as a change in the set of sources feeding it. Pass that set (as
   * one string); the server is asked again only when it differs from last time.
   */
  sourcesChanged(sources: string): void {
    if (sources === this.#sources) return;
    this.#sources = sources;
    void this.refreshDemo();
  }

  async refreshDemo(): Promise<void> {
    const result = await client
      .query(DemoActiveQuery, {}, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.data) this.demoActive = result.data.demoActive;
  }

  async #load(): Promise<void> {
    const result = await client
      .query(ShellInfoQuery, {}, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.data) this.info = result.data;
  }
}

export const system = new SystemInfo();
