import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProxmoxHttp } from '../../../server/sources/proxmox/client/http.ts';
import {
  PbsClient,
  PmgClient,
  ProxmoxError,
  PveClient,
} from '../../../server/sources/proxmox/client/index.ts';
import {
  endpointOf,
  type FakeServer,
  failure,
  ok,
  type Reply,
  type SeenRequest,
  startFakeServer,
} from './fake-server.ts';

const PASSWORD = { kind: 'password', username: 'monitor@pve', password: 's3cret!' } as const;

/**
 * A Perl-style ticket server: tickets `PVE:monitor@pve:<n>::sig`, CSRF `csrf-<n>`. Requests
 * must carry the current ticket; `expire()` makes the server forget it (as after 2 h).
 */
function ticketServer(prefix: 'PVE' | 'PBS' | 'PMG', data: (req: SeenRequest) => Reply) {
  let issued = 0;
  const valid = new Set<string>();
  const logins: URLSearchParams[] = [];
  const handler = (req: SeenRequest): Reply => {
    if (req.path === '/access/ticket' && req.method === 'POST') {
      const form = new URLSearchParams(req.body);
      logins.push(form);
      const password = form.get('password') ?? '';
      if (password !== PASSWORD.password && !valid.has(password)) {
        return { status: 401, reason: 'authentication failure', body: { data: null } };
      }
      issued += 1;
      const ticket = `${prefix}:${form.get('username')}:${issued}::c2ln`;
      valid.add(ticket);
      return ok({ username: form.get('username'), ticket, CSRFPreventionToken: `csrf-${issued}` });
    }
    const cookie = String(req.headers.cookie ?? '');
    const ticket = cookie.replace(new RegExp(`^${prefix}AuthCookie=`), '');
    if (!valid.has(ticket)) return { status: 401, reason: 'No ticket' };
    return data(req);
  };
  return {
    handler,
    logins,
    expireAll: () => valid.clear(),
  };
}

let server: FakeServer | null = null;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = null;
});

describe('ticket authentication', () => {
  it('logs in once with a form post and sends the ticket as PVEAuthCookie', async () => {
    const fake = ticketServer('PVE', () => ok([]));
    server = await startFakeServer(fake.handler);
    const client = new PveClient(endpointOf(server), PASSWORD);
    await client.nodes();
    await client.nodes();
    await client.close();

    const [login, first, second] = server.requests;
    expect(login?.method).toBe('POST');
    expect(login?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(login?.headers.authorization).toBeUndefined();
    expect(fake.logins[0]?.get('username')).toBe('monitor@pve');
    expect(fake.logins[0]?.get('password')).toBe('s3cret!');
    expect(first?.headers.cookie).toBe('PVEAuthCookie=PVE:monitor@pve:1::c2ln');
    expect(first?.headers.csrfpreventiontoken).toBeUndefined();
    expect(second?.headers.cookie).toBe('PVEAuthCookie=PVE:monitor@pve:1::c2ln');
    expect(fake.logins).toHaveLength(1);
  });

  it('uses PBSAuthCookie and PMGAuthCookie for the other products', async () => {
    const pbs = ticketServer('PBS', () => ok([]));
    server = await startFakeServer(pbs.handler);
    const pbsClient = new PbsClient(endpointOf(server), PASSWORD);
    await pbsClient.datastores();
    await pbsClient.close();
    expect(server.requests[1]?.headers.cookie).toBe('PBSAuthCookie=PBS:monitor@pve:1::c2ln');
    await server.close();

    const pmg = ticketServer('PMG', () => ok([]));
    server = await startFakeServer(pmg.handler);
    const pmgClient = new PmgClient(endpointOf(server), PASSWORD);
    await pmgClient.backups('pmg1');
    await pmgClient.close();
    expect(server.requests[1]?.headers.cookie).toBe('PMGAuthCookie=PMG:monitor@pve:1::c2ln');
  });

  it('sends the CSRF token on non-GET requests only', async () => {
    const fake = ticketServer('PVE', () => ok(null));
    server = await startFakeServer(fake.handler);
    const http = new ProxmoxHttp(
      { product: 'pve', cookieName: 'PVEAuthCookie', style: 'perl', tokenHeader: null },
      endpointOf(server),
      PASSWORD,
    );
    await http.call({ path: '/version' }, () => null);
    await http.call({ method: 'POST', path: '/nodes/pve1/wakeonlan', form: {} }, () => null);
    await http.close();
    expect(server.requests[1]?.headers.csrfpreventiontoken).toBeUndefined();
    expect(server.requests[2]?.method).toBe('POST');
    expect(server.requests[2]?.headers.csrfpreventiontoken).toBe('csrf-1');
  });

  it('shares one login between concurrent requests', async () => {
    const fake = ticketServer('PVE', () => ok([]));
    server = await startFakeServer(fake.handler);
    const client = new PveClient(endpointOf(server), PASSWORD);
    await Promise.all([client.nodes(), client.nodes(), client.nodes(), client.nodes()]);
    await client.close();
    expect(fake.logins).toHaveLength(1);
    expect(server.requests).toHaveLength(5);
  });

  it('logs in again once after a 401 on a ticket, then succeeds', async () => {
    const fake = ticketServer('PVE', () => ok([{ node: 'pve1', status: 'online' }]));
    server = await startFakeServer(fake.handler);
    const client = new PveClient(endpointOf(server), PASSWORD);
    await client.nodes();
    fake.expireAll();
    const nodes = await client.nodes();
    await client.close();
    expect(nodes.map((n) => n.node)).toEqual(['pve1']);
    expect(fake.logins).toHaveLength(2);
    // Renewal with the rejected ticket is pointless; the second login uses the password.
    expect(fake.logins[1]?.get('password')).toBe('s3cret!');
    expect(server.requests.at(-1)?.headers.cookie).toBe('PVEAuthCookie=PVE:monitor@pve:2::c2ln');
  });

  it('gives up with kind auth when the fresh ticket is refused too', async () => {
    const fake = ticketServer('PVE', () => ({ status: 401, reason: 'Authentication failed!' }));
    server = await startFakeServer(fake.handler);
    const client = new PveClient(endpointOf(server), PASSWORD);
    const error = await failure(client.nodes());
    await client.close();
    expect(error).toMatchObject({ kind: 'auth', status: 401, path: '/nodes' });
    expect(fake.logins).toHaveLength(2);
  });

  it('reports a wrong password as kind auth naming the user, never the password', async () => {
    const fake = ticketServer('PVE', () => ok([]));
    server = await startFakeServer(fake.handler);
    const client = new PveClient(endpointOf(server), { ...PASSWORD, password: 'wrong-pass' });
    const error = await failure(client.nodes());
    await client.close();
    expect(error).toBeInstanceOf(ProxmoxError);
    expect(error).toMatchObject({ kind: 'auth', status: 401, path: '/access/ticket' });
    expect((error as Error).message).toContain('login as monitor@pve failed');
    expect((error as Error).message).not.toContain('wrong-pass');
  });

  it('renews an old ticket by posting it as the password', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const fake = ticketServer('PVE', () => ok([]));
    server = await startFakeServer(fake.handler);
    const client = new PveClient(endpointOf(server), PASSWORD);
    await client.nodes();
    vi.setSystemTime(Date.now() + 91 * 60_000);
    await client.nodes();
    await client.close();
    expect(fake.logins).toHaveLength(2);
    expect(fake.logins[1]?.get('password')).toBe('PVE:monitor@pve:1::c2ln');
    expect(server.requests.at(-1)?.headers.cookie).toBe('PVEAuthCookie=PVE:monitor@pve:2::c2ln');
  });

  it('refuses accounts that need two-factor authentication', async () => {
    server = await startFakeServer(() =>
      ok({ ticket: 'PVE:monitor@pve:1::half', CSRFPreventionToken: 'c', NeedTFA: 1 }),
    );
    const client = new PveClient(endpointOf(server), PASSWORD);
    const error = await failure(client.nodes());
    await client.close();
    expect(error).toMatchObject({ kind: 'auth' });
    expect((error as Error).message).toContain('two-factor');
  });
});
