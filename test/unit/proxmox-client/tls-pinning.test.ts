import type { AddressInfo, Socket } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import {
  fetchCertificateFingerprint,
  normaliseFingerprint,
  ProxmoxError,
  PveClient,
} from '../../../server/sources/proxmox/client/index.ts';
import {
  type FakeServer,
  failure,
  ok,
  PVE_TOKEN,
  startFakeServer,
  testCertificate,
} from './fake-server.ts';

const WRONG_PIN = 'AB:'.repeat(31).concat('AB');
let server: FakeServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

describe('certificate policy', () => {
  it('connects when the pinned fingerprint matches, in any case and without colons', async () => {
    server = await startFakeServer(() => ok([]));
    const pin = server.fingerprint.replaceAll(':', '').toLowerCase();
    const client = new PveClient(
      { baseUrl: server.baseUrl, tls: { verify: true, fingerprint: pin } },
      PVE_TOKEN,
    );
    expect(await client.nodes()).toEqual([]);
    await client.close();
  });

  it('refuses a mismatched certificate before sending a single byte', async () => {
    const tls = await testCertificate();
    let connections = 0;
    let bytesReceived = 0;
    const closed: Promise<void>[] = [];
    // Decrypted application data arrives only on secure sockets; a request would show up here.
    const raw = createServer({ key: tls.key, cert: tls.cert }, (socket: TLSSocket) => {
      socket.on('data', (chunk: Buffer) => {
        bytesReceived += chunk.length;
        const body = '{"data":[]}';
        socket.end(`HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
      });
    });
    raw.on('connection', (socket: Socket) => {
      connections += 1;
      closed.push(new Promise((resolve) => socket.on('close', () => resolve())));
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const { port } = raw.address() as AddressInfo;
    const client = new PveClient(
      { baseUrl: `https://127.0.0.1:${port}`, tls: { verify: false, fingerprint: WRONG_PIN } },
      PVE_TOKEN,
    );
    const error = await failure(client.nodes());
    await client.close();
    await Promise.all(closed);

    expect(error).toBeInstanceOf(ProxmoxError);
    expect(error).toMatchObject({ kind: 'certificate', status: null, path: '/nodes' });
    expect((error as Error).message).toBe(
      `Certificate fingerprint mismatch: expected ${WRONG_PIN}, got ${tls.fingerprint}. ` +
        `The certificate of PVE at 127.0.0.1:${port} changed; confirm it and update the pinned fingerprint.`,
    );
    expect(connections).toBeGreaterThan(0);
    expect(bytesReceived).toBe(0);

    // Control: with the right pin the same listener does receive the request bytes.
    const pinned = new PveClient(
      {
        baseUrl: `https://127.0.0.1:${port}`,
        tls: { verify: false, fingerprint: tls.fingerprint },
      },
      PVE_TOKEN,
    );
    expect(await pinned.nodes()).toEqual([]);
    await pinned.close();
    expect(bytesReceived).toBeGreaterThan(0);
    await new Promise<void>((resolve) => raw.close(() => resolve()));
  });

  it('accepts any certificate with verification off', async () => {
    server = await startFakeServer(() => ok([]));
    const client = new PveClient({ baseUrl: server.baseUrl, tls: { verify: false } }, PVE_TOKEN);
    expect(await client.nodes()).toEqual([]);
    await client.close();
  });

  it('fails a self-signed certificate with kind certificate when verifying', async () => {
    server = await startFakeServer(() => ok([]));
    const client = new PveClient({ baseUrl: server.baseUrl, tls: { verify: true } }, PVE_TOKEN);
    const error = await failure(client.nodes());
    await client.close();
    expect(error).toMatchObject({ kind: 'certificate' });
    expect((error as Error).message).toContain('is not trusted');
    expect(server.requests).toHaveLength(0);
  });

  it('reads a server fingerprint for trust on first use without sending a request', async () => {
    server = await startFakeServer(() => ok([]));
    expect(await fetchCertificateFingerprint(server.baseUrl, 5_000)).toBe(server.fingerprint);
    expect(server.requests).toHaveLength(0);
  });

  it('normalises fingerprints and rejects ones that are not SHA-256', () => {
    const hex = 'aa'.repeat(32);
    expect(normaliseFingerprint(hex)).toBe('AA:'.repeat(31).concat('AA'));
    expect(normaliseFingerprint('aa:bb')).toBeNull();
    expect(
      () =>
        new PveClient(
          { baseUrl: 'https://pve:8006', tls: { verify: false, fingerprint: 'aa:bb' } },
          PVE_TOKEN,
        ),
    ).toThrow(/SHA-256/);
  });
});
