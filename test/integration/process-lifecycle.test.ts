import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { adminEnv, adminHeaders, testToken } from '../fixtures/auth.ts';
import { runPulseExpectingFailure, spawnPulse } from '../fixtures/pulse-process.ts';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'pulse-proc-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const env = () => ({ PULSE_DATA_DIR: dataDir, PULSE_MOCK_MODE: 'false', ...adminEnv() });

async function saveDisplayName(url: string, displayName: string): Promise<void> {
  const response = await fetch(`${url}/api/config/system`, {
    method: 'POST',
    headers: adminHeaders,
    body: JSON.stringify({ displayName }),
  });
  expect(response.status).toBe(200);
}

describe('the pulse process', () => {
  it.each([
    ['FRONTEND_PORT', 'eighty'],
    ['LOG_LEVEL', 'chatty'],
    ['PULSE_PUBLIC_URL', '::nonsense::'],
  ])('exits with code 2 and one clear line when %s is bad', async (name, value) => {
    const result = await runPulseExpectingFailure({ ...env(), [name]: value });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^pulse: invalid ${name}=`));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('on SIGTERM closes subscriptions and the database and exits 0', async () => {
    const pulse = await spawnPulse(env());
    const closed = new Promise<number>((resolve) => {
      const client = createClient({
        url: `ws://127.0.0.1:${pulse.port}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { token: testToken },
        on: { closed: (event) => resolve((event as { code: number }).code) },
      });
      client.subscribe(
        { query: 'subscription { resourcesChanged { version } }' },
        { next: () => {}, error: () => {}, complete: () => {} },
      );
    });
    await vi.waitFor(async () => {
      const response = await fetch(`${pulse.url}/api/health`);
      expect(response.status).toBe(200);
    });
    pulse.child.kill('SIGTERM');
    expect(await pulse.exited).toBe(0);
    // 1001 "Going away": the server said goodbye rather than dropping the socket.
    expect(await closed).toBe(1001);
    expect(pulse.stderr()).toBe('');
  });

  it('keeps a committed write across SIGKILL and restart', async () => {
    const first = await spawnPulse(env());
    await saveDisplayName(first.url, 'Survives kill -9');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const second = await spawnPulse(env());
    const settings = await (
      await fetch(`${second.url}/api/config/system`, { headers: adminHeaders })
    ).json();
    expect(settings).toEqual({ displayName: 'Survives kill -9' });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
