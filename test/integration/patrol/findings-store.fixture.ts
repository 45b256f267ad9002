import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeActor } from '../../../server/access/actor.ts';
import { type Orm, openDatabase } from '../../../server/db/orm.ts';
import { LicenseService } from '../../../server/license/license.service.ts';
import { createLogger } from '../../../server/log/logger.ts';
import {
  type CheckName,
  type Finding,
  type FindingSeverity,
  makeFinding,
} from '../../../server/patrol/finding.ts';
import { FindingStore } from '../../../server/patrol/finding-store.ts';
import { FindingsService } from '../../../server/patrol/findings.service.ts';

export const admin = makeActor({ kind: 'user', name: 'alice', role: 'admin', method: 'session' });
export const operator = makeActor({
  kind: 'user',
  name: 'olga',
  role: 'operator',
  method: 'session',
});
export const viewer = makeActor({ kind: 'user', name: 'vic', role: 'viewer', method: 'session' });

/** A finding as a check would report it, with a value that changes its evidence. */
export function finding(
  check: CheckName,
  resourceId: string,
  severity: FindingSeverity = 'warning',
  value = 1,
): Finding {
  return makeFinding(
    {
      check,
      severity,
      category: 'capacity',
      subject: {
        id: resourceId,
        name: resourceId.split('/').at(-1) ?? resourceId,
        type: 'storage',
        node: 'pve1',
      },
      title: `${check} on ${resourceId}`,
      description: 'd',
      impact: 'i',
      recommendation: 'r',
      evidence: { summary: `value ${value}`, values: { value } },
    },
    0,
  );
}

/** A findings store on a fresh SQLite database with a clock the test moves. */
export interface FindingsLab {
  orm: Orm;
  store: FindingStore;
  findings: FindingsService;
  now(): number;
  advance(ms: number): void;
  /** Merges a run's findings at the lab's clock. */
  run(found: Finding[]): ReturnType<FindingStore['merge']>;
  close(): Promise<void>;
}

export async function openFindingsLab(licensed = true): Promise<FindingsLab> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-findings-'));
  const orm = await openDatabase(join(dir, 'pulse.db'), createLogger('silent'));
  let now = Date.UTC(2026, 10, 20, 12, 0, 0);
  const store = new FindingStore(orm);
  const license = new LicenseService(() => false, licensed ? ['ai_autofix'] : []);
  return {
    orm,
    store,
    findings: new FindingsService(store, license, () => now),
    now: () => now,
    advance(ms) {
      now += ms;
    },
    run: (found) => store.merge(found, new Date(now)),
    async close() {
      await orm.close(true);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
