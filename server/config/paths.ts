import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './env.ts';

export interface DataPaths {
  dir: string;
  database: string;
}

/** Resolves and creates the data directory (0700: it holds credentials and keys). */
export function prepareDataDir(dataDir: string): DataPaths {
  const dir = resolve(dataDir);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`PULSE_DATA_DIR=${dataDir} cannot be created: ${reason}`);
  }
  return { dir, database: resolve(dir, 'pulse.db') };
}
