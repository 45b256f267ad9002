/**
 * What faults changed, kept as intervals so past readings (backup runs, task lists) stay the
 * same when asked again: the estate remains a function of its seed and clock history.
 */
export interface OfflineSpell {
  node: string;
  mode: 'unreachable' | 'refused';
  from: number;
  to: number | null;
}

export interface FailureSpell {
  vmid: number;
  from: number;
  to: number | null;
}

export interface CpuPin {
  vmid: number;
  /** CPU use as a fraction, 0..1. */
  cpu: number;
  from: number;
  to: number | null;
}

export interface StorageFill {
  storage: string;
  /** null: every node that has the storage. */
  node: string | null;
  fractionPerDay: number;
  from: number;
  to: number | null;
}

export class EstateState {
  readonly offline: OfflineSpell[] = [];
  readonly storageFills: StorageFill[] = [];
  readonly cpuPins: CpuPin[] = [];
  readonly backupFailures: FailureSpell[] = [];
  /** Bumped on every change so cached views are recomputed. */
  version = 0;

  currentOffline(node: string): OfflineSpell | null {
    for (const spell of this.offline) if (spell.node === node && spell.to === null) return spell;
    return null;
  }

  setOffline(node: string, mode: OfflineSpell['mode'], at: number): void {
    const current = this.currentOffline(node);
    if (current) current.mode = mode;
    else this.offline.push({ node, mode, from: at, to: null });
    this.version++;
  }

  setOnline(node: string, at: number): void {
    const current = this.currentOffline(node);
    if (!current) return;
    current.to = Math.max(at, current.from);
    this.version++;
  }

  /** Holds a guest's CPU at a value from `at` on, until the pin is lifted. */
  pinCpu(vmid: number, cpu: number, at: number): CpuPin {
    const pin = { vmid, cpu, from: at, to: null };
    for (const other of this.cpuPins) if (other.vmid === vmid && other.to === null) other.to = at;
    this.cpuPins.push(pin);
    this.version++;
    return pin;
  }

  unpinCpu(pin: CpuPin, at: number): void {
    if (pin.to !== null) return;
    pin.to = Math.max(at, pin.from);
    this.version++;
  }

  pinnedCpu(vmid: number, at: number): number | null {
    for (const p of this.cpuPins) {
      if (p.vmid === vmid && p.from <= at && (p.to === null || at < p.to)) return p.cpu;
    }
    return null;
  }

  wasOffline(node: string, at: number): boolean {
    for (const s of this.offline) {
      if (s.node === node && s.from <= at && (s.to === null || at < s.to)) return true;
    }
    return false;
  }

  /** The end of the node's last offline spell before `at`: it rebooted then. */
  lastReturn(node: string, at: number): number | null {
    let last: number | null = null;
    for (const s of this.offline) {
      if (s.node === node && s.to !== null && s.to <= at && (last === null || s.to > last))
        last = s.to;
    }
    return last;
  }

  addBackupFailure(vmid: number, at: number): FailureSpell {
    const spell = { vmid, from: at, to: null };
    this.backupFailures.push(spell);
    this.version++;
    return spell;
  }

  endBackupFailure(spell: FailureSpell, at: number): void {
    if (spell.to === null) spell.to = Math.max(at, spell.from);
    this.version++;
  }

  backupFails(vmid: number, at: number): boolean {
    for (const s of this.backupFailures) {
      if (s.vmid === vmid && s.from <= at && (s.to === null || at < s.to)) return true;
    }
    return false;
  }

  /** From `at` on, the storage gains `fractionPerDay` of its size per simulated day. */
  addStorageFill(storage: string, node: string | null, fractionPerDay: number, at: number) {
    const fill: StorageFill = { storage, node, fractionPerDay, from: at, to: null };
    this.storageFills.push(fill);
    this.version++;
    return fill;
  }

  endStorageFill(fill: StorageFill, at: number): void {
    if (fill.to === null) fill.to = Math.max(at, fill.from);
    this.version++;
  }

  /** The fraction of its size a storage has gained from fills by `at`. */
  filledFraction(storage: string, node: string, at: number): number {
    let fraction = 0;
    for (const f of this.storageFills) {
      if (f.storage !== storage || (f.node !== null && f.node !== node) || at <= f.from) continue;
      fraction += (f.fractionPerDay * (Math.min(at, f.to ?? at) - f.from)) / 86_400_000;
    }
    return fraction;
  }
}
