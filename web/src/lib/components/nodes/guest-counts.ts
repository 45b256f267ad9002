import type { GuestResource } from '../resources/kinds.ts';

export interface GuestCounts {
  vms: number;
  vmsRunning: number;
  containers: number;
  containersRunning: number;
}

/** Running versus total, per kind; templates are not guests that run, so they are left out. */
export function guestCounts(guests: readonly GuestResource[]): GuestCounts {
  const counts = { vms: 0, vmsRunning: 0, containers: 0, containersRunning: 0 };
  for (const guest of guests) {
    if (guest.template) continue;
    const running = guest.status === 'RUNNING' ? 1 : 0;
    if (guest.__typename === 'VirtualMachine') {
      counts.vms += 1;
      counts.vmsRunning += running;
    } else {
      counts.containers += 1;
      counts.containersRunning += running;
    }
  }
  return counts;
}

/** "3 of 4 VMs running · 2 of 2 containers running", or "No guests". */
export function describeCounts(c: GuestCounts): string {
  const parts: string[] = [];
  if (c.vms > 0) parts.push(`${c.vmsRunning} of ${c.vms} VMs running`);
  if (c.containers > 0) parts.push(`${c.containersRunning} of ${c.containers} containers running`);
  return parts.length > 0 ? parts.join(' · ') : 'No guests';
}
