import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoEstate } from '../../../server/demo/index.ts';
import {
  call,
  data,
  type Json,
  pbsToken,
  pmgCookie,
  pve1,
  pveToken,
  startManualEstate,
} from '../../fixtures/demo-https.ts';

describe('demo estate: authentication', () => {
  let estate: DemoEstate;
  beforeAll(async () => {
    estate = await startManualEstate();
  });
  afterAll(() => estate.stop());

  it('accepts the PVE API token and rejects a wrong one with an empty 401', async () => {
    const ok = await call(pve1(estate), '/version', { headers: pveToken(estate) });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(data<Json>(ok)).toMatchObject({
      version: expect.any(String),
      release: expect.any(String),
    });

    const bad = await call(pve1(estate), '/version', {
      headers: { Authorization: `PVEAPIToken=${estate.credentials.pve.tokenId}=not-the-secret` },
    });
    expect(bad.status).toBe(401);
    expect(bad.statusText).toBe('Authentication failed!');
    expect(bad.body).toBe('');

    const none = await call(pve1(estate), '/version');
    expect(none.status).toBe(401);
    expect(none.statusText).toBe('No ticket');
    expect(none.body).toBe('');
  });

  it('accepts the PBS token only in its colon form, and answers failures in plain text', async () => {
    const ok = await call(estate.pbs, '/version', { headers: pbsToken(estate) });
    expect(ok.status).toBe(200);
    const { tokenId, tokenSecret } = estate.credentials.pbs;
    const pveStyle = await call(estate.pbs, '/version', {
      headers: { Authorization: `PBSAPIToken=${tokenId}=${tokenSecret}` },
    });
    expect(pveStyle.status).toBe(401);
    expect(pveStyle.body).toBe('authentication failed');
  });

  it('has no API tokens on PMG: a token gets 401, a ticket works', async () => {
    const token = await call(estate.pmg, '/version', {
      headers: { Authorization: 'PMGAPIToken=pulse-monitor@pmg!pulse=whatever' },
    });
    expect(token.status).toBe(401);
    expect(token.statusText).toBe('No ticket');
    const ok = await call(estate.pmg, '/version', { headers: await pmgCookie(estate) });
    expect(ok.status).toBe(200);
  });

  it('issues PVE tickets, requires CSRF on writes, renews, and expires them after 2 h', async () => {
    const { username, password } = estate.credentials.pve;
    const bad = await call(pve1(estate), '/access/ticket', {
      method: 'POST',
      form: { username, password: 'wrong' },
    });
    expect(bad.status).toBe(401);
    expect(bad.statusText).toBe('authentication failure');
    expect(JSON.parse(bad.body)).toEqual({ data: null, message: 'authentication failure\n' });

    const login = await call(pve1(estate), '/access/ticket', {
      method: 'POST',
      json: { username, password },
    });
    const session = data<{ ticket: string; CSRFPreventionToken: string; clustername: string }>(
      login,
    );
    expect(session.ticket).toMatch(/^PVE:pulse-monitor@pve:[0-9A-F]{8}::/);
    expect(session.clustername).toBe('demo-cluster');
    const cookie = { Cookie: `PVEAuthCookie=${encodeURIComponent(session.ticket)}` };

    const read = await call(pve1(estate), '/cluster/status', { headers: cookie });
    expect(read.status).toBe(200);
    const noCsrf = await call(pve1(estate), '/nodes/pve1/qemu/100/agent/ping', {
      method: 'POST',
      headers: cookie,
    });
    expect(noCsrf.status).toBe(401);
    expect(noCsrf.statusText).toBe('Permission denied - invalid csrf token');
    const withCsrf = await call(pve1(estate), '/nodes/pve1/qemu/100/agent/ping', {
      method: 'POST',
      headers: { ...cookie, CSRFPreventionToken: session.CSRFPreventionToken },
    });
    expect(withCsrf.status).toBe(200);
    expect(data<Json>(withCsrf)).toEqual({ result: {} });

    estate.advance(90 * 60_000);
    const renewal = await call(pve1(estate), '/access/ticket', {
      method: 'POST',
      form: { username, password: session.ticket },
    });
    expect(renewal.status).toBe(200);
    const renewed = data<{ ticket: string }>(renewal).ticket;
    expect(renewed).not.toBe(session.ticket);

    estate.advance(31 * 60_000);
    const expired = await call(pve1(estate), '/version', { headers: cookie });
    expect(expired.status).toBe(401);
    expect(expired.statusText).toBe('Authentication failed!');
    const fresh = await call(pve1(estate), '/version', {
      headers: { Cookie: `PVEAuthCookie=${encodeURIComponent(renewed)}` },
    });
    expect(fresh.status).toBe(200);
  });
});
