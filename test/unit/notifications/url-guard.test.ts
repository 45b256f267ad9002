import { describe, expect, it } from 'vitest';
import {
  BlockedTargetError,
  guardedLookup,
  safeRequest,
} from '../../../server/notifications/safety/safe-http.ts';
import {
  checkAddress,
  checkUrl,
  redactUrl,
} from '../../../server/notifications/safety/url-guard.ts';

const open = { allowPrivateTargets: true };
const closed = { allowPrivateTargets: false };

describe('outbound URL safety', () => {
  it('always refuses link-local, metadata and unspecified addresses', () => {
    for (const address of [
      '169.254.169.254',
      '169.254.1.1',
      'fe80::1',
      'fd00:ec2::254',
      '0.0.0.0',
      '::',
      '::ffff:169.254.169.254',
    ]) {
      expect(checkAddress(address, open).ok, address).toBe(false);
    }
    expect(checkUrl('http://metadata.google.internal/computeMetadata/v1/', open)).toHaveProperty(
      'reason',
    );
    expect(checkUrl('http://[fd00:ec2::254]/latest', open)).toHaveProperty('reason');
  });

  it('allows private ranges and loopback by default, refuses them when turned off', () => {
    for (const address of [
      '10.1.2.3',
      '192.168.1.10',
      '172.16.5.5',
      '100.64.0.1',
      '127.0.0.1',
      '::1',
      'fd12::1',
    ]) {
      expect(checkAddress(address, open).ok, address).toBe(true);
      expect(checkAddress(address, closed).ok, address).toBe(false);
    }
    expect(checkUrl('http://localhost:8080/', closed)).toHaveProperty('reason');
    expect(checkUrl('http://localhost:8080/', open)).toHaveProperty('url');
    expect(checkUrl('http://localhost.:8080/', closed)).toHaveProperty('reason');
  });

  it('allows public addresses and names either way', () => {
    expect(checkAddress('1.1.1.1', closed).ok).toBe(true);
    expect(checkAddress('2606:4700::1111', closed).ok).toBe(true);
    expect(checkUrl('https://discord.com/api/webhooks/1/x', closed)).toHaveProperty('url');
  });

  it('refuses other schemes and garbage', () => {
    expect(checkUrl('file:///etc/passwd', open)).toEqual({ reason: 'must use http or https' });
    expect(checkUrl('not a url', open)).toEqual({ reason: 'is not a valid URL' });
  });

  it('redacts paths, queries and credentials', () => {
    expect(redactUrl('https://discord.com/api/webhooks/1/secret')).toBe('https://discord.com/***');
    expect(redactUrl('https://ntfy.example:8443/')).toBe('https://ntfy.example:8443/');
    expect(redactUrl('https://api.telegram.org/bot1:abc/sendMessage?chat_id=1')).not.toContain(
      'abc',
    );
  });
});

describe('the guarded DNS lookup', () => {
  const resolve = (policy: { allowPrivateTargets: boolean }) =>
    new Promise<unknown>((done) =>
      guardedLookup(policy)('localhost', { all: true }, (error, addresses) =>
        done(error ?? addresses),
      ),
    );

  it('judges the addresses a name resolves to, not the name', async () => {
    expect(await resolve(closed)).toBeInstanceOf(BlockedTargetError);
    expect(await resolve(open)).toEqual(
      expect.arrayContaining([expect.objectContaining({ address: expect.any(String) })]),
    );
  });

  it('refuses before connecting when a request targets a refused literal', async () => {
    await expect(
      safeRequest(
        {
          url: 'http://169.254.169.254/latest/meta-data',
          method: 'GET',
          headers: {},
          body: null,
          timeoutMs: 1000,
        },
        open,
      ),
    ).rejects.toThrow(BlockedTargetError);
  });
});
