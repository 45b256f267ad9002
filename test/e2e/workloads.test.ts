import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Resource } from '../../server/resources/model.ts';
import {
  dockerEstate,
  makeCluster,
  makeContainer,
  makeDeployment,
  makeDockerHost,
  makeHost,
  makeK8sNode,
  makePod,
} from '../fixtures/agent-resources.ts';
import { type RunningApp, startApp } from '../fixtures/app.ts';
import { launchChromium, signedInPage } from '../fixtures/browser.ts';

const GiB = 1024 ** 3;
const source = 'agent-test';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

/** Two hosts, two Docker hosts and a cluster, as agents would report them. */
function estate(apiState = 'running'): Resource[] {
  const hosts = [
    makeHost('web-01'),
    makeHost(
      'build-02',
      { cpu: 0.86, memory: { usedBytes: 28 * GiB, totalBytes: 32 * GiB } },
      {
        osName: 'Ubuntu',
        osVersion: '24.04 LTS',
        agentVersion: '1.5.0',
        loadAverage: [5.2, 4.8, 3.9],
        cpuCount: 4,
      },
    ),
    makeHost('old-laptop', { status: 'offline', lastSeenAt: Date.now() - 3_600_000 }),
  ];
  const docker = dockerEstate(makeDockerHost('docker-01'), (host) => [
    makeContainer(host, 'api', {
      image: 'ghcr.io/acme/api:1.2.0',
      state: apiState,
      health: apiState === 'running' ? 'healthy' : null,
      restartCount: apiState === 'running' ? 0 : 4,
      exitCode: apiState === 'running' ? null : 1,
      statusText: apiState === 'running' ? 'Up 3 hours (healthy)' : 'Restarting (1) 5 seconds ago',
      composeProject: 'shop',
      ports: [
        { privatePort: 80, publicPort: 8080, protocol: 'tcp', ip: '0.0.0.0' },
        { privatePort: 80, publicPort: 8080, protocol: 'tcp', ip: '::' },
      ],
    }),
    makeContainer(host, 'db', { image: 'postgres:16', composeProject: 'shop' }),
    makeContainer(host, 'migrate', { state: 'exited', exitCode: 0 }),
  ]);
  const lab = dockerEstate(
    makeDockerHost('pi-lab', {}, { runtime: 'podman', runtimeVersion: '5.2.3' }),
    (host) => [makeContainer(host, 'mosquitto', { image: 'eclipse-mosquitto:2' })],
  );
  const prod = makeCluster('prod', { namespaceCount: 2 });
  const k8s = [
    prod,
    makeK8sNode(prod, 'cp-1', { roles: ['control-plane'] }),
    makeK8sNode(prod, 'worker-1'),
    makeK8sNode(prod, 'worker-2', { ready: false }),
    makeDeployment(prod, 'shop', 'checkout', { desiredReplicas: 2, readyReplicas: 1 }),
    makeDeployment(prod, 'shop', 'frontend', { desiredReplicas: 2, readyReplicas: 2 }),
    makePod(prod, 'shop', 'frontend-7d9c8b6f5-abcde'),
    makePod(prod, 'shop', 'checkout-6b7f8d9c4-pqrst', {
      reason: 'CrashLoopBackOff',
      message: 'back-off 5m0s restarting failed container',
      restarts: 42,
      readyContainers: 0,
    }),
    makePod(prod, 'shop', 'checkout-6b7f8d9c4-uvwxy'),
    makePod(prod, 'kube-system', 'coredns-5d78c9869d-k2x7p', { nodeName: 'cp-1' }),
    makePod(prod, 'kube-system', 'metrics-server-6d94bc8694-q9z4r', {
      phase: 'Pending',
      nodeName: null,
      readyContainers: 0,
    }),
  ];
  return [...hosts, ...docker, ...lab, ...k8s];
}

describe('hosts, Docker and Kubernetes pages', () => {
  let running: RunningApp;
  let page: Page;
  const problems: string[] = [];

  beforeEach(async () => {
    running = await startApp();
    problems.length = 0;
  });
  afterEach(async () => {
    await page?.close();
    await running.stop();
  });

  async function open(path: string) {
    page = await signedInPage(browser, running.url, { viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${running.url}${path}`);
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
  }

  const row = (id: string) => page.locator(`tr[data-resource-id="${id}"]`);

  it('lists hosts with their figures, searches and filters them, and opens a host', async () => {
    running.app.store.apply(source, estate());
    await open('/hosts');

    const web = row(`${source}/host/web-01`);
    await web.waitFor();
    await expect(web.getByTestId('cpu').textContent()).resolves.toContain('23%');
    await expect(web.getByTestId('memory').textContent()).resolves.toContain('38%');
    // The fullest filesystem (/var/lib/data, 460 of 500 GiB), not the root one.
    await expect(web.getByTestId('disk').textContent()).resolves.toContain('92%');
    await expect(web.getByTestId('load').textContent()).resolves.toContain('0.42');
    const text = await web.textContent();
    expect(text).toContain('5d 1h');
    expect(text).toContain('Debian GNU/Linux 12');
    expect(text).toContain('1.4.0');
    const laptop = await row(`${source}/host/old-laptop`).textContent();
    expect(laptop).toMatch(/Offline/);
    expect(laptop).toMatch(/1h ago/);

    await page.getByRole('searchbox', { name: 'Search hosts' }).fill('ubuntu');
    await expect.poll(() => page.locator('[data-testid="host-table"] tbody tr').count()).toBe(1);
    await row(`${source}/host/build-02`).waitFor();
    await page.getByRole('button', { name: 'Clear search' }).click();
    await page.getByRole('button', { name: /^Not reporting/ }).click();
    await expect.poll(() => page.locator('[data-testid="host-table"] tbody tr').count()).toBe(1);
    await row(`${source}/host/old-laptop`).waitFor();
    await page.getByRole('button', { name: /^All/ }).click();

    await web.getByRole('link', { name: 'web-01' }).click();
    await page.waitForURL(`**/hosts/${encodeURIComponent(`${source}/host/web-01`)}`);
    await page.getByRole('heading', { name: 'web-01' }).waitFor();
    const data = page.locator('[data-testid="filesystems"] tr[data-mountpoint="/var/lib/data"]');
    await expect(data.textContent()).resolves.toMatch(/92%.*460 GiB of 500 GiB/);
    const eth0 = page.locator('[data-testid="interfaces"] tr[data-interface="eth0"]');
    await expect(eth0.textContent()).resolves.toMatch(/117 KiB\/s.*39.1 KiB\/s.*10\.0\.0\.21\/24/);
    await expect(page.locator('[data-sensor="coretemp package"]').textContent()).resolves.toContain(
      '54 °C',
    );
    await page.locator('[data-testid="history-chart"][data-metric="cpu"]').waitFor();
    await page.getByText('agent-web-01').waitFor();

    expect(problems).toEqual([]);
  });

  it('groups containers by Docker host, filters them, and shows a state change live', async () => {
    running.app.store.apply(source, estate());
    await open('/docker');

    const group = page.locator(`[data-docker-host="${source}/docker/docker-01"]`);
    await expect(group.getByTestId('running-count').textContent()).resolves.toMatch(
      /2\s*\/ 3 running/,
    );
    await group.getByText('Docker 27.3.1').waitFor();
    await page
      .locator(`[data-docker-host="${source}/docker/pi-lab"]`)
      .getByText('Podman 5.2.3')
      .waitFor();

    const api = row(`${source}/docker/docker-01/api`);
    await expect(api.getByTestId('container-state').textContent()).resolves.toContain('Running');
    await expect(api.getByTestId('container-health').textContent()).resolves.toContain('Healthy');
    const text = await api.textContent();
    expect(text).toContain('shop');
    expect(text).toContain('ghcr.io/acme/api:1.2.0');
    // Published once per IPv4 and IPv6 binding by the engine, shown once.
    expect(text).toContain('8080→80/tcp');
    expect(text).not.toContain('8080→80/tcp, 8080→80/tcp');
    await expect(
      row(`${source}/docker/docker-01/migrate`).getByTestId('container-state').textContent(),
    ).resolves.toContain('Exited (0)');

    // State filter: only the exited container is left, in its host's group.
    const rows = page.locator('[data-testid="container-table"] tbody tr');
    await expect.poll(() => rows.count()).toBe(4);
    await page.getByRole('button', { name: /^Exited/ }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await row(`${source}/docker/docker-01/migrate`).waitFor();
    await page.getByRole('button', { name: /^All/ }).click();
    // Host filter: one group.
    await page.locator('select[data-filter="host"]').selectOption({ label: 'pi-lab' });
    await expect.poll(() => page.locator('[data-docker-host]').count()).toBe(1);
    await expect.poll(() => rows.count()).toBe(1);
    await page.locator('select[data-filter="host"]').selectOption({ label: 'All hosts' });
    await expect.poll(() => rows.count()).toBe(4);

    // The next report has the container restarting: the badge changes with no reload.
    await page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });
    running.app.store.apply(source, estate('restarting'));
    await api.locator('[data-testid="container-state"][data-state="restarting"]').waitFor();
    await expect(api.getByTestId('container-state').textContent()).resolves.toContain('Restarting');
    await expect(api.getByTestId('restarts').textContent()).resolves.toContain('4');
    await expect(group.getByTestId('running-count').textContent()).resolves.toMatch(
      /1\s*\/ 3 running/,
    );
    await expect(
      page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere),
    ).resolves.toBe(true);

    await api.getByRole('link', { name: 'api' }).click();
    await page.getByRole('heading', { name: 'api' }).waitFor();
    await expect(page.getByTestId('exit-code').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('ports').textContent()).resolves.toContain('8080→80/tcp');
    await page.getByText('Restarting (1) 5 seconds ago').first().waitFor();
    await page.getByRole('link', { name: 'docker-01' }).last().click();
    await page.getByRole('heading', { name: 'docker-01' }).waitFor();
    await expect
      .poll(() => page.locator('[data-testid="container-table"] tbody tr').count())
      .toBe(3);

    expect(problems).toEqual([]);
  });

  it('shows clusters, problem pods first, filters by namespace, and opens pods', async () => {
    running.app.store.apply(source, estate());
    await open('/kubernetes');

    const card = page.locator(`[data-cluster="${source}/k8s/prod"]`);
    await expect(card.getByTestId('nodes-ready').textContent()).resolves.toMatch(/2\s*\/\s*3/);
    await expect(card.getByTestId('deployments-ready').textContent()).resolves.toMatch(
      /1\s*\/\s*2/,
    );
    await expect(card.getByTestId('pod-phases').textContent()).resolves.toMatch(
      /Pods 5\s*4 Running\s*1 Pending/,
    );

    await row(`${source}/k8s/prod/node/worker-2`).getByText('NotReady').waitFor();
    const checkout = row(`${source}/k8s/prod/deployment/shop/checkout`);
    await expect(checkout.getByTestId('replicas').textContent()).resolves.toContain('1/2');
    await expect(checkout.getByTestId('replicas').getAttribute('title')).resolves.toBe(
      '1 of 2 replicas not ready',
    );
    await page.getByTestId('deployments-short').getByText('1 short of replicas').waitFor();

    // Problem pods lead the table: the crash loop, then the pending one, then the rest.
    const pods = page.locator('[data-testid="k8s-pods"] tbody tr');
    await expect.poll(() => pods.count()).toBe(5);
    const order = await pods.evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-resource-id'), tr.getAttribute('data-problem')]),
    );
    expect(order.slice(0, 2)).toEqual([
      [`${source}/k8s/prod/pod/shop/checkout-6b7f8d9c4-pqrst`, 'bad'],
      [`${source}/k8s/prod/pod/kube-system/metrics-server-6d94bc8694-q9z4r`, 'warn'],
    ]);
    expect(order.slice(2).every(([, problem]) => problem === null)).toBe(true);
    const crashing = row(`${source}/k8s/prod/pod/shop/checkout-6b7f8d9c4-pqrst`);
    const crashText = await crashing.textContent();
    expect(crashText).toContain('CrashLoopBackOff');
    expect(crashText).toContain('0/1');
    expect(crashText).toContain('42');

    await page.locator('select[data-filter="namespace"]').selectOption('kube-system');
    await expect.poll(() => pods.count()).toBe(2);
    await expect.poll(() => page.locator('[data-testid="k8s-deployments"]').count()).toBe(0);
    await page.locator('select[data-filter="namespace"]').selectOption('shop');
    await expect.poll(() => pods.count()).toBe(3);
    await page.getByRole('button', { name: /^Need attention/ }).click();
    await expect.poll(() => pods.count()).toBe(1);

    await crashing.getByRole('link').click();
    await page.getByRole('heading', { name: 'checkout-6b7f8d9c4-pqrst' }).waitFor();
    await expect(page.getByTestId('pod-problem').textContent()).resolves.toMatch(
      /CrashLoopBackOff\s*back-off 5m0s/,
    );
    await page.getByRole('link', { name: 'Deployment checkout' }).click();
    await page.getByRole('heading', { name: 'checkout', exact: true }).waitFor();
    await page.getByText('1 short of replicas').waitFor();
    await expect.poll(() => page.locator('[data-testid="k8s-pods"] tbody tr').count()).toBe(2);

    expect(problems).toEqual([]);
  });

  it('tells how to add an agent while nothing reports', async () => {
    await open('/hosts');
    const expected = {
      '/hosts': ['kubernetes:report', ''],
      '/docker': ['docker:report', ' --enable-docker'],
      '/kubernetes': ['kubernetes:report', ' --enable-kubernetes'],
    };
    for (const [path, [scope, flag]] of Object.entries(expected)) {
      if (path !== '/hosts') await page.goto(`${running.url}${path}`);
      const setup = page.getByTestId('agent-setup');
      // The host report is always on, so every page asks for its scope too.
      await setup.getByText('agent:report', { exact: true }).waitFor();
      if (path !== '/hosts') await setup.getByText(String(scope), { exact: true }).waitFor();
      await expect(setup.getByTestId('install-command').textContent()).resolves.toBe(
        `curl -fsSL ${running.url}/install.sh | sudo sh -s -- --url ${running.url} --token <TOKEN>${flag}`,
      );
      await expect(
        setup.getByRole('link', { name: 'Settings → Security' }).getAttribute('href'),
      ).resolves.toBe('/settings/security?tab=tokens');
    }

    // The first report replaces the instructions, live.
    running.app.store.apply(source, estate());
    await page.locator(`[data-cluster="${source}/k8s/prod"]`).waitFor();
    await expect.poll(() => page.getByTestId('agent-setup').count()).toBe(0);

    expect(problems).toEqual([]);
  });
});
