import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runShell } from '../../fixtures/agent-process.ts';
import { type RunningApp, startApp } from '../../fixtures/app.ts';

let app: RunningApp;
const dir = mkdtempSync(join(tmpdir(), 'pulse-legacy-'));

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex');

async function download(path: string): Promise<{ body: Buffer; checksum: string | null }> {
  const response = await fetch(`${app.url}${path}`);
  expect(response.status, path).toBe(200);
  const body = Buffer.from(await response.arrayBuffer());
  return { body, checksum: response.headers.get('x-checksum-sha256') };
}

/** Runs a downloaded installer against the app, into a root of its own. */
async function install(path: string, root: string, args: string[] = []) {
  const script = join(dir, path.slice(1));
  writeFileSync(script, (await download(path)).body);
  return runShell([script, '--url', app.url, '--token', 'legacy-token', ...args], {
    PULSE_AGENT_ROOT: root,
    PULSE_AGENT_NODE: process.execPath,
  });
}

const unitIn = (root: string) => join(root, 'etc/systemd/system/pulse-agent.service');

describe("Pulse's deprecated agent downloads", () => {
  it('serve the unified agent, with its checksum as a file too', async () => {
    const unified = await download('/download/pulse-agent');
    for (const path of ['/download/pulse-host-agent', '/download/pulse-docker-agent']) {
      const legacy = await download(`${path}?platform=linux&arch=amd64`);
      expect(legacy.checksum).toBe(unified.checksum);
      expect(sha256(legacy.body)).toBe(unified.checksum);
    }
    const line = await download('/download/pulse-host-agent.sha256?platform=linux&arch=amd64');
    expect(line.body.toString()).toBe(`${unified.checksum}  pulse-agent.mjs\n`);
    expect(line.checksum).toBe(sha256(line.body));
  });

  it('install Docker monitoring from the Docker scripts, and uninstall from the uninstall one', async () => {
    for (const path of ['/install-docker-agent.sh', '/install-container-agent.sh']) {
      const script = await download(path);
      expect(script.checksum).toBe(sha256(script.body));
    }
    const root = mkdtempSync(join(dir, 'root-'));
    const run = await install('/install-docker-agent.sh', root, ['--interval', '20s']);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(unitIn(root), 'utf8')).toContain(
      `pulse-agent.mjs --url ${app.url} --enable-docker --interval 20s`,
    );

    const hostOnly = mkdtempSync(join(dir, 'root-'));
    expect((await install('/install-host-agent.sh', hostOnly)).status).toBe(0);
    expect(readFileSync(unitIn(hostOnly), 'utf8')).not.toContain('--enable-docker');

    const removed = await install('/uninstall-host-agent.sh', root);
    expect(removed.status, removed.stderr).toBe(0);
    expect(existsSync(unitIn(root))).toBe(false);
    expect(existsSync(join(root, 'usr/local/lib/pulse-agent/pulse-agent.mjs'))).toBe(false);
  });
});
