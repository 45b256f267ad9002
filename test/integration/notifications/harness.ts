import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemActor } from '../../../server/access/actor.ts';
import type { AlertNotification } from '../../../server/alerts/alert.ts';
import { type App, buildApp } from '../../../server/app.ts';
import { loadConfig } from '../../../server/config/env.ts';
import { createLogger } from '../../../server/log/logger.ts';
import type { Clock } from '../../../server/notifications/clock.ts';
import { adminEnv, adminHeaders } from '../../fixtures/auth.ts';

export { systemActor };

/**
 * Time that moves only when the test says so. Timers never fire by themselves: tests call
 * `queue.drain()` after moving the clock, so nothing depends on real waiting.
 */
export class ManualClock implements Clock {
  #now: number;

  constructor(start = Date.UTC(2026, 10, 23, 12, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  advance(ms: number): void {
    this.#now += ms;
  }

  setTimeout(): unknown {
    return null;
  }

  clearTimeout(): void {}
}

export interface NotifyApp {
  app: App;
  url: string;
  dataDir: string;
  clock: ManualClock;
  notify(notification: AlertNotification): Promise<number>;
  drain(): Promise<void>;
  api(method: string, path: string, body?: unknown): Promise<ApiResponse>;
  /** Stops the app, keeping the data directory (for restart tests). */
  stop(): Promise<void>;
  /** Stops the app and removes its data directory. */
  dispose(): Promise<void>;
}

export interface ApiResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
  body: any;
  text: string;
}

/** The real app on a free port with a manual clock for the notification queue. */
export async function startNotifyApp(
  options: { dataDir?: string; clock?: ManualClock } = {},
): Promise<NotifyApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pulse-notify-'));
  const clock = options.clock ?? new ManualClock();
  const config = loadConfig({
    PULSE_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PULSE_MOCK_MODE: 'false',
    BIND_ADDRESS: '127.0.0.1',
    ...adminEnv(),
  });
  const app = await buildApp(config, createLogger(config.logLevel), {
    notificationPolicy: { clock },
  });
  const address = await app.start(0, '127.0.0.1');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    url,
    dataDir,
    clock,
    notify: (notification) => app.services.notifications.notify(notification),
    drain: () => app.services.notifications.queue.drain(),
    api: (method, path, body) => api(url, method, path, body),
    stop: () => app.stop(),
    async dispose() {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function api(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiResponse> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...adminHeaders },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, text };
}
