import { BlockList, isIP } from 'node:net';

/**
 * Which outbound addresses a webhook or Apprise server may point at. Homelab targets
 * (ntfy, Gotify, Apprise on the LAN) are the common case, so private ranges are allowed by
 * default; what is never allowed is the link-local range, where cloud metadata services
 * answer with credentials, and the unspecified address.
 */
export interface TargetPolicy {
  allowPrivateTargets: boolean;
}

const metadataHosts = new Set(['metadata.google.internal', 'metadata', 'metadata.goog']);

const alwaysBlocked = new BlockList();
alwaysBlocked.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local, incl. 169.254.169.254
alwaysBlocked.addSubnet('0.0.0.0', 8, 'ipv4'); // "this network", incl. 0.0.0.0
alwaysBlocked.addSubnet('fe80::', 10, 'ipv6');
alwaysBlocked.addAddress('fd00:ec2::254', 'ipv6'); // AWS IMDS over IPv6
alwaysBlocked.addAddress('::', 'ipv6');

const privateRanges = new BlockList();
privateRanges.addSubnet('10.0.0.0', 8, 'ipv4');
privateRanges.addSubnet('172.16.0.0', 12, 'ipv4');
privateRanges.addSubnet('192.168.0.0', 16, 'ipv4');
privateRanges.addSubnet('100.64.0.0', 10, 'ipv4'); // CGNAT, Tailscale
privateRanges.addSubnet('fc00::', 7, 'ipv6');

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

export type AddressVerdict = { ok: true } | { ok: false; reason: string };

/** IPv4-mapped IPv6 (`::ffff:169.254.169.254`) is judged as the IPv4 address it carries. */
function unmap(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

export function checkAddress(raw: string, policy: TargetPolicy): AddressVerdict {
  const address = unmap(raw.replace(/^\[|\]$/g, ''));
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (isIP(address) === 0) return { ok: false, reason: `${raw} is not an IP address` };
  if (alwaysBlocked.check(address, family)) {
    return { ok: false, reason: `${address} is a link-local, metadata or unspecified address` };
  }
  if (!policy.allowPrivateTargets) {
    if (loopback.check(address, family)) {
      return { ok: false, reason: `${address} is a loopback address and private targets are off` };
    }
    if (privateRanges.check(address, family)) {
      return { ok: false, reason: `${address} is a private address and private targets are off` };
    }
  }
  return { ok: true };
}

/** Checks what can be judged without DNS: scheme, metadata host names, literal addresses. */
export function checkUrl(raw: string, policy: TargetPolicy): { url: URL } | { reason: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { reason: 'is not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { reason: 'must use http or https' };
  }
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (metadataHosts.has(host)) return { reason: `${host} is a cloud metadata service` };
  if (!policy.allowPrivateTargets && (host === 'localhost' || host.endsWith('.localhost'))) {
    return { reason: 'localhost is not allowed while private targets are off' };
  }
  if (isIP(host) !== 0) {
    const verdict = checkAddress(host, policy);
    if (!verdict.ok) return { reason: verdict.reason };
  }
  return { url };
}

/** Removes what may carry a token (path, query, credentials) before a URL is shown or logged. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const hidden = url.pathname !== '/' || url.search !== '' || url.username !== '';
    return `${url.protocol}//${url.host}${hidden ? '/***' : '/'}`;
  } catch {
    return '***';
  }
}
