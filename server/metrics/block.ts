/**
 * A sealed block of one series' raw samples over one block window: the values as float64,
 * then each sample's second offset from the window start as uint16 (10 bytes a sample).
 */

/** Block windows are 10 minutes: short enough to keep the in-memory head small. */
export const blockSeconds = 600;

export interface Samples {
  /** Epoch seconds, ascending. */
  ts: number[];
  values: number[];
}

export function encodeBlock(startSecond: number, samples: Samples): Buffer {
  const n = samples.ts.length;
  const bytes = new ArrayBuffer(n * 10);
  const values = new Float64Array(bytes, 0, n);
  const offsets = new Uint16Array(bytes, n * 8, n);
  for (let i = 0; i < n; i += 1) {
    values[i] = samples.values[i] ?? 0;
    offsets[i] = (samples.ts[i] ?? startSecond) - startSecond;
  }
  return Buffer.from(bytes);
}

export function decodeBlock(startSecond: number, blob: Uint8Array): Samples {
  const n = blob.byteLength / 10;
  // A copy: SQLite's buffer may not be 8-byte aligned for a Float64Array view.
  const bytes = new Uint8Array(blob).buffer;
  const values = new Float64Array(bytes, 0, n);
  const offsets = new Uint16Array(bytes, n * 8, n);
  const samples: Samples = { ts: new Array(n), values: new Array(n) };
  for (let i = 0; i < n; i += 1) {
    samples.ts[i] = startSecond + (offsets[i] ?? 0);
    samples.values[i] = values[i] ?? 0;
  }
  return samples;
}
