import { networkInterfaces } from 'node:os';
import { listDir, readNumber, readText } from './files.ts';

export interface InterfaceCounters {
  name: string;
  mac?: string;
  addresses?: string[];
  rxBytes: number;
  txBytes: number;
  speedMbps?: number;
}

/** Interface name → its IP addresses; injectable, as sysfs does not hold addresses. */
export type AddressLookup = () => Record<string, string[]>;

/** Addresses in CIDR form (`192.168.1.20/24`, `fe80::1/64`), as Pulse's agents send them. */
export const systemAddresses: AddressLookup = () => {
  const byName: Record<string, string[]> = {};
  for (const [name, entries] of Object.entries(networkInterfaces())) {
    byName[name] = (entries ?? []).map((e) => e.cidr ?? e.address);
  }
  return byName;
};

/**
 * Loopback says nothing about the host, and `veth*` are one half of each container's pipe
 * (the container's traffic is reported with the container); both are left out.
 */
const skipped = (name: string) => name === 'lo' || name.startsWith('veth');

/** Byte counters since boot for each interface, with its MAC, addresses and link speed. */
export async function readNetwork(
  sysRoot: string,
  addresses: AddressLookup = systemAddresses,
): Promise<InterfaceCounters[]> {
  const names = (await listDir(sysRoot, 'class/net')).filter((n) => !skipped(n));
  const ips = addresses();
  const interfaces = await Promise.all(
    names.map(async (name): Promise<InterfaceCounters | null> => {
      const dir = [sysRoot, 'class/net', name] as const;
      const [rx, tx, address, speed] = await Promise.all([
        readNumber(...dir, 'statistics/rx_bytes'),
        readNumber(...dir, 'statistics/tx_bytes'),
        readText(...dir, 'address'),
        // Virtual links answer EINVAL, and a link that is down says -1.
        readNumber(...dir, 'speed'),
      ]);
      if (rx === null || tx === null) return null;
      const found: InterfaceCounters = { name, rxBytes: rx, txBytes: tx };
      const mac = address?.trim();
      if (mac && mac !== '00:00:00:00:00:00') found.mac = mac;
      const own = (ips[name] ?? []).slice(0, 64);
      if (own.length > 0) found.addresses = own;
      if (speed !== null && speed > 0) found.speedMbps = speed;
      return found;
    }),
  );
  return interfaces.filter((i): i is InterfaceCounters => i !== null);
}
