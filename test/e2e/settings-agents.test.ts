import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoHosts, hostReport } from '../../server/demo/agents/host-reports.ts';
import { mintToken, postReport } from '../fixtures/agent-reports.ts';
import { graphql, type RunningApp, startApp } from '../fixtures/app.ts';
import { launchChromium, pageOwning, signedInPage } from '../fixtures/browser.ts';

const desktop = { width: 1440, height: 900 };
const demoHostnames = ['atlas', 'docker-01', 'docker-02', 'edge-gw', 'k3s-1'];

function atlasHost() {
  const host = demoHosts.find((h) => h.hostname === 'atlas');
  if (!host) throw new Error('the demo has no host atlas');
  return host;
}
/**
 * Every button that changes an agent; viewers and demo visitors get none of them (the install
 * steps are for everyone).
 */
const managing = /^(Settings|Allow re-enrollment|Remove.*|Allow back|Forget|Save settings)$/;

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface AgentRow {
  id: string;
  hostname: string;
  status: string;
  intervalSeconds: number;
  tokenName: string | null;
  linkedNodeId: string | null;
  config: { intervalSeconds: number | null; commandsEnabled: boolean };
}

async function agents(running: RunningApp): Promise<AgentRow[]> {
  const answer = await graphql<{ agents: AgentRow[] }>(
    running.url,
    '{ agents { id hostname status intervalSeconds tokenName linkedNodeId config { intervalSeconds commandsEnabled } } }',
  );
  if (!answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data.agents;
}

const agent = async (running: RunningApp, hostname: string) =>
  (await agents(running)).find((a) => a.hostname === hostname);

async function hostNames(running: RunningApp): Promise<string[]> {
  const answer = await graphql<{ resources: { type: string; name: string }[] }>(
    running.url,
    '{ resources { type name } }',
  );
  if (!answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data.resources.filter((r) => r.type === 'HOST').map((r) => r.name);
}

describe('Settings → Agents', () => {
  let running: RunningApp;
  let page: Page;
  let problems: string[];

  /** The demo estate, with its five simulated agents reporting in-process. */
  async function start(auth: 'admin' | 'none' = 'admin') {
    running = await startApp({ PULSE_DEMO_MODE: 'on' }, { auth });
    problems = [];
  }

  function watch(p: Page): Page {
    p.on('pageerror', (error) => problems.push(error.message));
    return p;
  }

  async function open(options: BrowserContextOptions = {}) {
    page = watch(await signedInPage(browser, running.url, { viewport: desktop, ...options }));
    await page.goto(`${running.url}/settings/agents`);
    await row('atlas').waitFor();
  }

  const row = (hostname: string, p: Page = page): Locator =>
    p.locator(`[data-testid="agents"] [data-agent="${hostname}"]`);
  const removedRow = (hostname: string, p: Page = page): Locator =>
    p.locator(`[data-testid="removed-agents"] [data-removed-agent="${hostname}"]`);

  afterEach(async () => {
    await page?.close();
    await running?.stop();
  });

  it('is linked from the settings overview and lists the demo agents with their pages', async () => {
    await start();
    page = watch(await signedInPage(browser, running.url, { viewport: desktop }));
    await page.goto(`${running.url}/settings`);
    await page.getByRole('link', { name: /Agents/ }).click();
    await page.waitForURL(`${running.url}/settings/agents`);
    for (const hostname of demoHostnames) await row(hostname).waitFor();
    await page.getByTestId('removed-agents').waitFor({ state: 'detached' });

    const atlas = row('atlas');
    await atlas.getByText('Online', { exact: true }).waitFor();
    await atlas.getByText('demo-agent-atlas').waitFor();
    // In-process demo agents report without a token; the next token they report with binds them.
    expect(await atlas.getByTestId('agent-token').innerText()).toBe('No token bound');
    expect(await atlas.getByTestId('agent-kinds').innerText()).toBe('Host');
    expect(await row('k3s-1').getByTestId('agent-kinds').innerText()).toBe('Kubernetes');
    await row('docker-01').getByRole('link', { name: 'Docker' }).waitFor();

    await atlas.getByRole('link', { name: 'Host' }).click();
    await page.waitForURL(/\/hosts\/.+/);
    await page.getByRole('heading', { name: 'atlas' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('changes an agent’s interval and links a host to a PVE node; both stick', async () => {
    await start();
    await open();
    const docker = row('docker-01');
    await docker.getByRole('button', { name: 'Settings' }).click();
    const form = docker.getByTestId('agent-settings');
    await form.getByText('Set here').click();
    // Out of range is caught before anything is sent.
    await form.getByLabel('Seconds between reports').fill('2');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form
      .getByRole('alert')
      .getByText(/from 5 to 3600/)
      .waitFor();

    await form.getByLabel('Seconds between reports').fill('45');
    await form.getByLabel('Allow commands').check();
    await form.getByRole('button', { name: 'Save settings' }).click();
    await page.getByTestId('notice').getByText('Saved docker-01').waitFor();
    await form.waitFor({ state: 'detached' });
    await docker.getByTestId('agent-interval').getByText('every 45 s').waitFor();

    await page.reload();
    await row('docker-01').getByTestId('agent-interval').getByText('every 45 s').waitFor();
    expect(await row('docker-01').getByTestId('agent-interval').innerText()).toContain(
      'set in Pulse',
    );
    expect(await agent(running, 'docker-01')).toMatchObject({
      intervalSeconds: 45,
      config: { intervalSeconds: 45, commandsEnabled: true },
    });

    const edge = row('edge-gw');
    await edge.getByRole('button', { name: 'Settings' }).click();
    const select = edge.getByLabel('Runs on PVE node');
    await select.selectOption({ index: 1 });
    const nodeName = (await select.locator('option:checked').innerText()).split(' (')[0] ?? '';
    await edge.getByRole('button', { name: 'Save settings' }).click();
    await page.getByTestId('notice').getByText('Saved edge-gw').waitFor();
    const link = edge.getByTestId('agent-node').getByRole('link', { name: nodeName });
    await link.waitFor();
    const linked = await agent(running, 'edge-gw');
    expect(linked?.linkedNodeId).toBeTruthy();
    expect(await link.getAttribute('href')).toBe(
      `/nodes/${encodeURIComponent(linked?.linkedNodeId ?? '')}`,
    );
    // Docker alone has no host to link.
    expect(await row('docker-02').getByTestId('agent-node').innerText()).toBe('–');
    await page.screenshot({ path: '/tmp/agents-settings-light.png', fullPage: true });
    expect(problems).toEqual([]);
  });

  it('removes an agent, refuses it until allowed back, then takes its next report', async () => {
    await start();
    await open();
    expect(await hostNames(running)).toContain('atlas');
    const atlas = row('atlas');
    await atlas.getByRole('button', { name: 'Remove atlas' }).click();
    await atlas
      .getByRole('note')
      .getByText(/uninstall it on atlas too/)
      .waitFor();
    await atlas.getByRole('button', { name: 'Remove', exact: true }).click();

    await removedRow('atlas').waitFor();
    await atlas.waitFor({ state: 'detached' });
    await page.getByTestId('notice').getByText('Removed atlas').waitFor();
    expect((await agent(running, 'atlas'))?.status).toBe('REMOVED');
    expect(await hostNames(running)).not.toContain('atlas');
    await page.screenshot({ path: '/tmp/agents-removed-light.png', fullPage: true });

    // While removed, the agent's reports are refused.
    const agentToken = await mintToken(running, ['agent:report'], 'atlas agent');
    const report = () =>
      postReport(
        running,
        'host',
        agentToken.token,
        hostReport(atlasHost(), Date.now(), Date.now() - 60_000),
      );
    expect((await report()).status).toBe(409);

    await removedRow('atlas').getByRole('button', { name: 'Allow back' }).click();
    await page.getByTestId('notice').getByText('atlas may report again').waitFor();
    await removedRow('atlas').waitFor({ state: 'detached' });
    await page.getByTestId('removed-agents').waitFor({ state: 'detached' });

    // Its next report comes with a new token, binds the agent to it and brings the host back.
    expect((await report()).status).toBe(200);
    await row('atlas').getByTestId('agent-token').getByText('atlas agent').waitFor();
    expect(await hostNames(running)).toContain('atlas');
    expect(await agent(running, 'atlas')).toMatchObject({
      status: 'ONLINE',
      tokenName: 'atlas agent',
    });
    expect(problems).toEqual([]);
  });

  it('forgets a removed agent', async () => {
    await start();
    await open();
    const removed = await graphql(
      running.url,
      'mutation { deleteAgent(id: "demo-agent-edge") { __typename } }',
    );
    expect(removed.errors).toBeUndefined();
    await page.reload();
    const edge = removedRow('edge-gw');
    await edge.getByRole('button', { name: 'Forget' }).click();
    await edge.getByRole('button', { name: 'Forget' }).click();
    await page.getByTestId('notice').getByText('Forgot edge-gw').waitFor();
    await edge.waitFor({ state: 'detached' });
    expect(await agent(running, 'edge-gw')).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('shows a viewer the agents and the removed ones, with no way to change them', async () => {
    await start();
    await graphql(
      running.url,
      'mutation { deleteAgent(id: "demo-agent-docker-02") { __typename } }',
    );
    const issued = await running.app.services.sessions.create({
      username: 'watcher',
      role: 'viewer',
      method: 'password',
    });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.addCookies([
      { name: 'pulse_session', value: issued.token, url: running.url },
      { name: 'pulse_csrf', value: issued.csrfToken, url: running.url },
    ]);
    page = watch(await pageOwning(context));
    await page.goto(`${running.url}/settings/agents`);
    await row('atlas').waitFor();
    await removedRow('docker-02').waitFor();
    await page.getByTestId('user-menu').waitFor();
    expect(await page.getByRole('button', { name: managing }).count()).toBe(0);
    await page.screenshot({ path: '/tmp/agents-viewer-mobile.png', fullPage: true });
    expect(problems).toEqual([]);
  });

  it('shows the demo visitor before setup the agents, and the way to set up security', async () => {
    await start('none');
    const context = await browser.newContext({ viewport: desktop, colorScheme: 'dark' });
    page = watch(await pageOwning(context));
    await page.goto(`${running.url}/settings/agents`);
    for (const hostname of demoHostnames) await row(hostname).waitFor();
    await page.getByTestId('setup-first').waitFor();
    expect(await page.getByRole('button', { name: managing }).count()).toBe(0);
    await page.screenshot({ path: '/tmp/agents-demo-dark.png', fullPage: true });
    expect(problems).toEqual([]);
  });
});
