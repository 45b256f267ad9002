import type { Orm } from '../db/orm.ts';
import type { Alert } from './alert.ts';
import { AlertDocument } from './alert-document.entity.ts';
import { AlertHistoryEntry } from './alert-history.entity.ts';
import { type EngineState, emptyState, parseAlertConfig } from './engine/index.ts';
import { type AlertConfig, defaultAlertConfig } from './thresholds.ts';

export interface HistoryQuery {
  limit: number;
  resourceId?: string;
  /** Epoch ms: only alerts resolved after it. */
  since?: number;
}

/** Loads and saves the alert config, the engine state and the history of resolved alerts. */
export class AlertPersistence {
  readonly #orm: Orm;

  constructor(orm: Orm) {
    this.#orm = orm;
  }

  async load(): Promise<{ config: AlertConfig; state: EngineState }> {
    const em = this.#orm.em.fork();
    const docs = await em.find(AlertDocument, { key: { $in: ['config', 'state'] } });
    const byKey = new Map(docs.map((doc) => [doc.key, doc.value]));
    const config = byKey.has('config')
      ? parseAlertConfig(byKey.get('config'))
      : structuredClone(defaultAlertConfig);
    const state = (byKey.get('state') as EngineState | undefined) ?? emptyState();
    return { config, state };
  }

  async saveConfig(config: AlertConfig, now: number): Promise<void> {
    await this.#orm.em
      .fork()
      .upsert(AlertDocument, { key: 'config', value: config, updatedAt: now });
  }

  /** The state and the alerts that resolved after firing, in one transaction. */
  async saveState(state: EngineState, resolved: readonly Alert[], now: number): Promise<void> {
    await this.#orm.em.fork().transactional(async (em) => {
      await em.upsert(AlertDocument, { key: 'state', value: state, updatedAt: now });
      for (const alert of resolved) {
        await em.upsert(AlertHistoryEntry, {
          id: `${alert.id}@${alert.startedAt}`,
          alertId: alert.id,
          resourceId: alert.resourceId,
          level: alert.level,
          alert,
          startedAt: alert.startedAt,
          resolvedAt: alert.resolvedAt ?? now,
        });
      }
    });
  }

  async history(query: HistoryQuery): Promise<Alert[]> {
    const rows = await this.#orm.em.fork().find(
      AlertHistoryEntry,
      {
        ...(query.resourceId !== undefined && { resourceId: query.resourceId }),
        ...(query.since !== undefined && { resolvedAt: { $gt: query.since } }),
      },
      { orderBy: { resolvedAt: 'desc' }, limit: query.limit },
    );
    return rows.map((row) => row.alert);
  }

  async clearHistory(): Promise<number> {
    return this.#orm.em.fork().nativeDelete(AlertHistoryEntry, {});
  }

  async pruneHistory(before: number): Promise<number> {
    return this.#orm.em.fork().nativeDelete(AlertHistoryEntry, { resolvedAt: { $lt: before } });
  }
}
