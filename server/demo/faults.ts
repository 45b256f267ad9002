import type { Product } from './http.ts';

/** Fault switches for tests (see docs in index.ts and proxmox-api.md §6.3). */
export type DemoFault =
  | { kind: 'node-offline'; node: string; mode?: 'unreachable' | 'refused' }
  | { kind: 'slow'; product: Product; path: RegExp; delayMs: number }
  | { kind: 'http-error'; product: Product; path: RegExp; status: number; message: string }
  | {
      kind: 'malformed';
      product: Product;
      path: RegExp;
      body: 'truncated' | 'html' | 'null-data' | 'wrong-types';
    }
  | { kind: 'revoke-token'; product: 'pve' | 'pbs' }
  | { kind: 'deny'; product: Product; path: RegExp; privilege: string }
  | { kind: 'cert-change'; product: Product; node?: string }
  | { kind: 'backup-failure'; vmid: number }
  /** Holds a running guest's CPU at a fraction (0..1), e.g. to push it over a threshold. */
  | { kind: 'guest-cpu'; vmid: number; cpu: number }
  /** A PVE storage (on one node, or everywhere) fills steadily: `fractionPerDay` of its size. */
  | { kind: 'storage-fill'; storage: string; node?: string; fractionPerDay: number };

interface Entry {
  id: string;
  fault: DemoFault;
  /** Undo side effects (bring a node back, end a backup-failure spell). */
  undo: (() => void) | null;
}

function matches(re: RegExp, apiPath: string): boolean {
  re.lastIndex = 0;
  if (re.test(apiPath)) return true;
  re.lastIndex = 0;
  return re.test(`/api2/json${apiPath}`);
}

/** The active faults; the estate asks it on every request. */
export class FaultBook {
  readonly #entries = new Map<string, Entry>();
  #next = 1;

  add(fault: DemoFault, undo: (() => void) | null): string {
    const id = `fault-${this.#next++}`;
    this.#entries.set(id, { id, fault, undo });
    return id;
  }

  /** Remove one fault (or all), running their undo steps. Unknown ids are ignored. */
  clear(id?: string): void {
    const ids = id === undefined ? [...this.#entries.keys()] : [id];
    for (const key of ids) {
      const entry = this.#entries.get(key);
      if (!entry) continue;
      this.#entries.delete(key);
      entry.undo?.();
    }
  }

  #active(): DemoFault[] {
    return [...this.#entries.values()].map((e) => e.fault);
  }

  delayMs(product: Product, apiPath: string): number {
    let delay = 0;
    for (const f of this.#active()) {
      if (f.kind === 'slow' && f.product === product && matches(f.path, apiPath))
        delay = Math.max(delay, f.delayMs);
    }
    return delay;
  }

  tokenRevoked(product: Product): boolean {
    return this.#active().some((f) => f.kind === 'revoke-token' && f.product === product);
  }

  denied(product: Product, apiPath: string): string | null {
    for (const f of this.#active()) {
      if (f.kind === 'deny' && f.product === product && matches(f.path, apiPath))
        return f.privilege;
    }
    return null;
  }

  httpError(product: Product, apiPath: string): { status: number; message: string } | null {
    for (const f of this.#active()) {
      if (f.kind === 'http-error' && f.product === product && matches(f.path, apiPath)) {
        return { status: f.status, message: f.message };
      }
    }
    return null;
  }

  malformed(
    product: Product,
    apiPath: string,
  ): 'truncated' | 'html' | 'null-data' | 'wrong-types' | null {
    for (const f of this.#active()) {
      if (f.kind === 'malformed' && f.product === product && matches(f.path, apiPath))
        return f.body;
    }
    return null;
  }
}

/** Numbers and booleans (so 0/1 flags too) become strings: a client's type checks must fire. */
export function wrongTypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(wrongTypes);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wrongTypes(v)]));
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}
