import { existsSync, readFileSync } from 'node:fs';
import type { Config } from '../config/env.ts';
import { databaseIsHealthy, type Orm } from '../db/orm.ts';

export interface Health {
  status: 'healthy' | 'unhealthy';
  uptimeSeconds: number;
  databaseOk: boolean;
}

export interface VersionInfo {
  version: string;
  build: 'release' | 'development';
  runtime: 'node';
  runtimeVersion: string;
  channel: 'stable';
  isDocker: boolean;
  isDevelopment: boolean;
}

const packageJson = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string };

/** The product's version, as Pulse clients expect it ("v" + semver). */
export const pulseVersion = `v${packageJson.version}`;

/** Health and version: public, so they take no actor. */
export class SystemService {
  readonly #orm: Orm;
  readonly #config: Config;
  readonly #startedAt = performance.now();

  constructor(orm: Orm, config: Config) {
    this.#orm = orm;
    this.#config = config;
  }

  uptimeSeconds(): number {
    return (performance.now() - this.#startedAt) / 1000;
  }

  async health(): Promise<Health> {
    const databaseOk = await databaseIsHealthy(this.#orm);
    return {
      status: databaseOk ? 'healthy' : 'unhealthy',
      uptimeSeconds: this.uptimeSeconds(),
      databaseOk,
    };
  }

  version(): VersionInfo {
    const isDevelopment = this.#config.environment === 'development';
    return {
      version: pulseVersion,
      build: isDevelopment ? 'development' : 'release',
      runtime: 'node',
      runtimeVersion: process.version,
      channel: 'stable',
      isDocker: this.#config.inDocker || existsSync('/.dockerenv'),
      isDevelopment,
    };
  }
}
