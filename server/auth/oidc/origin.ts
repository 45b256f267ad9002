import type { HeaderReader } from '../proxy-auth.ts';

const hostPattern = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The origin the browser used, for the default redirect URI when PULSE_PUBLIC_URL is unset.
 * A forwarded host is taken like the forwarded protocol already is: the provider only sends
 * codes to redirect URIs registered with it, so a forged one gets nowhere.
 */
export function requestOrigin(header: HeaderReader, secure: boolean): string | null {
  const host = header('x-forwarded-host')?.split(',')[0]?.trim() || header('host');
  if (!host || !hostPattern.test(host)) return null;
  return `${secure ? 'https' : 'http'}://${host}`;
}
