import { readText } from './files.ts';

export interface HostMemory {
  totalBytes: number;
  usedBytes: number;
  freeBytes?: number;
  cacheBytes?: number;
  swapTotalBytes?: number;
  swapUsedBytes?: number;
}

/** /proc/meminfo as a map of field → bytes (the file says kB and means KiB). */
export function parseMeminfo(text: string): Map<string, number> {
  const fields = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(\w[\w()]*):\s+(\d+)(?:\s+kB)?\s*$/.exec(line);
    if (!match?.[1] || match[2] === undefined) continue;
    const value = Number(match[2]);
    fields.set(match[1], line.trimEnd().endsWith('kB') ? value * 1024 : value);
  }
  return fields;
}

/**
 * Used memory is what applications hold: total minus MemAvailable (the kernel's estimate of
 * what can be handed out without swapping), so page cache does not count as used. Kernels
 * before 3.14 lack MemAvailable: free + buffers + cache stands in.
 */
export function memoryFrom(fields: Map<string, number>): HostMemory | null {
  const total = fields.get('MemTotal');
  if (total === undefined) return null;
  const free = fields.get('MemFree');
  const cached = fields.get('Cached');
  const available =
    fields.get('MemAvailable') ?? (free ?? 0) + (fields.get('Buffers') ?? 0) + (cached ?? 0);
  const memory: HostMemory = {
    totalBytes: total,
    usedBytes: Math.max(0, Math.min(total, total - available)),
  };
  if (free !== undefined) memory.freeBytes = free;
  if (cached !== undefined) memory.cacheBytes = cached;
  const swapTotal = fields.get('SwapTotal');
  const swapFree = fields.get('SwapFree');
  if (swapTotal !== undefined) {
    memory.swapTotalBytes = swapTotal;
    memory.swapUsedBytes = Math.max(0, swapTotal - (swapFree ?? swapTotal));
  }
  return memory;
}

export async function readMemory(procRoot: string): Promise<HostMemory | null> {
  const text = await readText(procRoot, 'meminfo');
  return text === null ? null : memoryFrom(parseMeminfo(text));
}
