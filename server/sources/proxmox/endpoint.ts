import type { ProxmoxEndpoint } from './client/index.ts';

/** How a configured node's connection settings become a client endpoint, in one place. */
export function endpointFor(
  host: string,
  tls: { verifySsl: boolean; fingerprint: string | null },
  timeoutMs: number,
): ProxmoxEndpoint {
  return { baseUrl: host, tls: { verify: tls.verifySsl, fingerprint: tls.fingerprint }, timeoutMs };
}
