import { describe, expect, it } from 'vitest';
import { startDemoEstate } from '../../../server/demo/index.ts';
import { resources, START } from '../../fixtures/demo-https.ts';

describe('demo estate: determinism and size', () => {
  it('gives the same readings for the same seed and clock', async () => {
    const a = await startDemoEstate({ clock: 'manual', startAt: START, seed: 42 });
    const b = await startDemoEstate({ clock: 'manual', startAt: START, seed: 42 });
    try {
      a.advance(3_600_000);
      b.advance(3_600_000);
      expect(await resources(a)).toEqual(await resources(b));
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('builds the large estate quickly and lists 2,000 guests', async () => {
    const started = performance.now();
    const estate = await startDemoEstate({ size: 'large', clock: 'manual', startAt: START });
    // About 0.3 s on a laptop; the bound leaves room for a loaded CI runner.
    expect(performance.now() - started).toBeLessThan(3_000);
    try {
      expect(estate.pve).toHaveLength(20);
      const list = await resources(estate);
      expect(list.filter((r) => r.type === 'qemu' || r.type === 'lxc')).toHaveLength(2_000);
      expect(list.filter((r) => r.type === 'node')).toHaveLength(20);
    } finally {
      await estate.stop();
    }
  });
});
