import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../fixtures/app.ts';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.stop());

describe('security headers', () => {
  it('forbid loading, framing and sniffing API answers', async () => {
    for (const response of [
      await app.fetch('/api/state'),
      await fetch(`${app.url}/api/health`),
      await fetch(`${app.url}/api/state`),
      await app.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ health { status } }' }),
      }),
    ]) {
      const header = (name: string) => response.headers.get(name) ?? '';
      expect(header('content-security-policy')).toMatch(/^default-src 'none'/);
      expect(header('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(header('x-frame-options')).toBe('DENY');
      expect(header('x-content-type-options')).toBe('nosniff');
      expect(header('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(header('permissions-policy')).toContain('geolocation=()');
      expect(header('permissions-policy')).toContain('camera=()');
      expect(response.headers.has('strict-transport-security')).toBe(false);
    }
  });

  it('add HSTS only when the request came over HTTPS', async () => {
    const plain = await app.fetch('/api/health');
    expect(plain.headers.has('strict-transport-security')).toBe(false);
    const https = await app.fetch('/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
  });
});
