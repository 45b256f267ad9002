import type Database from 'better-sqlite3';
import { blockSeconds, encodeBlock, type Samples } from './block.ts';
import { Buckets } from './buckets.ts';
import type { Head } from './head.ts';
import type { TierProgress } from './progress.ts';

/** A window is sealed this long after it ends, so a slow poll's samples still land in it. */
const graceSeconds = 30;
/** Series per step: a few milliseconds of encoding and inserts on a small machine. */
const seriesPerStep = 100;
/** Tail rows deleted per step: the tail is time-major, so this is one short range. */
const tailSecondsPerStep = 10;

interface Window {
  start: number;
  end: number;
  ids: number[];
  next: number;
}

/**
 * Moves complete 10-minute windows of raw samples from the head into blocks, and writes their
 * minute buckets at the same time; then trims the tail table behind them.
 */
export class Sealer {
  readonly #db: Database.Database;
  readonly #head: Head;
  readonly #progress: TierProgress;
  readonly #insertBlock: Database.Statement<[number, number, Buffer]>;
  readonly #insertMinute: Database.Statement<[number, number, number, number, number, number]>;
  readonly #tailStart: Database.Statement<[]>;
  readonly #deleteTail: Database.Statement<[number, number]>;
  #window: Window | null = null;

  constructor(db: Database.Database, head: Head, progress: TierProgress) {
    this.#db = db;
    this.#head = head;
    this.#progress = progress;
    this.#insertBlock = db.prepare('insert or replace into raw_block values (?, ?, ?)');
    this.#insertMinute = db.prepare('insert or replace into sample_1m values (?, ?, ?, ?, ?, ?)');
    this.#tailStart = db.prepare('select min(ts) from sample_tail').pluck();
    this.#deleteTail = db.prepare('delete from sample_tail where ts >= ? and ts < ?');
  }

  /** Up to where raw samples live in blocks; later ones are in the head. */
  get sealedUntil(): number | null {
    return this.#progress.doneUntil('1m');
  }

  /** One small step of sealing or tail trimming; false when there is nothing to do. */
  step(nowSecond: number): boolean {
    return this.#sealStep(nowSecond) || this.#trimStep();
  }

  #sealStep(nowSecond: number): boolean {
    const window = this.#window ?? this.#nextWindow(nowSecond);
    if (!window) return false;
    this.#window = window;
    const chunk = window.ids.slice(window.next, window.next + seriesPerStep);
    const last = window.next + chunk.length >= window.ids.length;
    this.#db.transaction(() => {
      for (const id of chunk) this.#sealSeries(id, window);
      if (last) this.#progress.set('1m', window.end);
    })();
    for (const id of chunk) this.#head.dropBefore(id, window.end);
    window.next += chunk.length;
    if (last) this.#window = null;
    return true;
  }

  #nextWindow(nowSecond: number): Window | null {
    const earliest = this.#head.earliest();
    const sealed = this.sealedUntil;
    if (earliest === null) {
      this.#advanceIdle(sealed, nowSecond);
      return null;
    }
    // After a gap (Pulse was down), jump to the first window that holds samples.
    const first = Math.floor(earliest / blockSeconds) * blockSeconds;
    const start = sealed === null ? first : Math.max(sealed, first);
    const end = start + blockSeconds;
    if (end + graceSeconds > nowSecond) return null;
    return { start, end, ids: this.#head.seriesBefore(end), next: 0 };
  }

  /**
   * With nothing recorded, time still passes: marking the empty windows sealed lets the hour
   * and day tiers complete the buckets before them.
   */
  #advanceIdle(sealed: number | null, nowSecond: number): void {
    const idleUntil = Math.floor((nowSecond - graceSeconds) / blockSeconds) * blockSeconds;
    if (sealed === null || idleUntil <= sealed) return;
    this.#db.transaction(() => this.#progress.set('1m', idleUntil))();
  }

  #sealSeries(id: number, window: Window): void {
    const samples: Samples = this.#head.range(id, window.start, window.end - 1);
    if (samples.ts.length === 0) return;
    this.#insertBlock.run(id, window.start, encodeBlock(window.start, samples));
    const minutes = new Buckets();
    minutes.addSamples(samples, 60);
    for (const b of minutes.list()) {
      this.#insertMinute.run(id, b.t, b.min, b.max, b.sum / b.count, b.count);
    }
  }

  /** Deletes tail rows that are sealed; the head no longer needs them after a restart. */
  #trimStep(): boolean {
    const sealed = this.sealedUntil;
    const from = this.#tailStart.get() as number | null | undefined;
    if (sealed === null || from === null || from === undefined || from >= sealed) return false;
    this.#deleteTail.run(from, Math.min(sealed, from + tailSecondsPerStep));
    return true;
  }
}
