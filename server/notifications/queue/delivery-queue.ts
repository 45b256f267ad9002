import { randomUUID } from 'node:crypto';
import type { AlertNotification } from '../../alerts/alert.ts';
import type { Orm } from '../../db/orm.ts';
import type { Logger } from '../../log/logger.ts';
import { DeliveryError } from '../delivery-error.ts';
import { Delivery } from './delivery.entity.ts';
import { backoffMs, defaultQueuePolicy, type QueuePolicy } from './policy.ts';
import { DeliveryReceipt } from './receipt.entity.ts';
import { receiptKey, receiptKeys } from './receipts.ts';

/** Sends one notification to one destination; the queue owns retries and bookkeeping. */
export interface Deliverer {
  deliver(destination: string, notification: AlertNotification): Promise<void>;
  /** Sends per minute the destination accepts; excess waits in the queue. */
  rateLimitPerMinute(destination: string): Promise<number>;
}

const active = ['pending', 'failed', 'sending'];
const due = ['pending', 'failed'];
const minute = 60_000;

/**
 * The persistent delivery queue: one row per (notification, destination), retried with
 * backoff, dead-lettered after maxAttempts. Runs are serialised, so a timer firing while
 * a test awaits drain() never sends a row twice.
 */
export class DeliveryQueue {
  readonly #orm: Orm;
  readonly #deliverer: Deliverer;
  readonly #log: Logger;
  readonly policy: QueuePolicy;
  #chain: Promise<unknown> = Promise.resolve();
  #timer: unknown = null;
  #running = false;
  #lastPruneAt = 0;

  constructor(orm: Orm, deliverer: Deliverer, log: Logger, policy: Partial<QueuePolicy> = {}) {
    this.#orm = orm;
    this.#deliverer = deliverer;
    this.#log = log;
    this.policy = { ...defaultQueuePolicy, ...policy };
  }

  get running(): boolean {
    return this.#running;
  }

  /** Crash recovery: a row left `sending` was interrupted mid-send and is sent again. */
  async start(): Promise<void> {
    const recovered = await this.#orm.em
      .fork()
      .nativeUpdate(Delivery, { status: 'sending' }, { status: 'pending' });
    if (recovered > 0) this.#log.warn({ recovered }, 'notification deliveries resumed');
    this.#running = true;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer !== null) this.policy.clock.clearTimeout(this.#timer);
    this.#timer = null;
    await this.#chain.catch(() => undefined);
  }

  /**
   * Queues a notification for one destination unless every alert in it already reached
   * that destination for this event (receipt) or is already queued. A `resolved` event
   * first cancels still-queued firing notifications of the same alerts.
   */
  async enqueue(destination: string, notification: AlertNotification): Promise<boolean> {
    const em = this.#orm.em.fork();
    const now = this.policy.clock.now();
    const queued = await em.find(Delivery, { destination, status: { $in: active } });
    if (notification.event === 'resolved') {
      const resolvedIds = new Set(notification.alerts.map((a) => a.id));
      for (const row of queued) {
        if (row.status === 'sending' || row.event === 'resolved') continue;
        const left = row.payload.alerts.filter((a) => !resolvedIds.has(a.id));
        if (left.length === row.payload.alerts.length) continue;
        if (left.length === 0) Object.assign(row, { status: 'cancelled', completedAt: now });
        else row.payload = { ...row.payload, alerts: left };
        row.alertIds = left.map((a) => a.id);
      }
    }
    const taken = new Set([
      ...(
        await em.find(DeliveryReceipt, { key: { $in: receiptKeys(notification, destination) } })
      ).map((r) => r.key),
      ...queued
        .filter((r) => r.status !== 'cancelled')
        .flatMap((r) => receiptKeys(r.payload, destination)),
    ]);
    const alerts = notification.alerts.filter(
      (alert) => !taken.has(receiptKey(notification, alert, destination)),
    );
    if (alerts.length > 0) {
      em.create(Delivery, {
        id: randomUUID(),
        destination,
        event: notification.event,
        alertIds: alerts.map((a) => a.id),
        status: 'pending',
        attempts: 0,
        maxAttempts: this.policy.maxAttempts,
        nextAttemptAt: now,
        lastError: null,
        lastStatusCode: null,
        payload: { ...notification, alerts },
        createdAt: now,
        completedAt: null,
      });
    }
    await em.flush();
    if (alerts.length > 0) this.#schedule(0);
    return alerts.length > 0;
  }

  /** Sends every row due now; resolves with how many were attempted. */
  runDue(): Promise<number> {
    const run = this.#chain.then(() => this.#runOnce());
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /** Runs until nothing is due at the clock's current time. */
  async drain(): Promise<void> {
    while ((await this.runDue()) > 0) {
      // keep going: a run may defer or retry rows that are due again at once
    }
  }

  /** Wakes the worker after rows changed outside it (DLQ retry). */
  wake(): void {
    this.#schedule(0);
  }

  async #runOnce(): Promise<number> {
    const now = this.policy.clock.now();
    const em = this.#orm.em.fork();
    const rows = await em.find(
      Delivery,
      { status: { $in: due }, nextAttemptAt: { $lte: now } },
      { orderBy: { nextAttemptAt: 'asc', createdAt: 'asc' }, limit: 200 },
    );
    const byDestination = Map.groupBy(rows, (row) => row.destination);
    // Destinations run side by side so one slow webhook does not hold up email.
    const counts = await Promise.all(
      [...byDestination].map(([destination, list]) => this.#runDestination(destination, list)),
    );
    await this.#pruneIfDue(now);
    await this.#scheduleNext();
    return counts.reduce((a, b) => a + b, 0);
  }

  async #runDestination(destination: string, rows: Delivery[]): Promise<number> {
    const em = this.#orm.em.fork();
    const now = this.policy.clock.now();
    const limit = await this.#deliverer.rateLimitPerMinute(destination);
    const recent = await em.find(
      Delivery,
      { destination, status: 'sent', completedAt: { $gt: now - minute } },
      { orderBy: { completedAt: 'asc' }, fields: ['completedAt'] },
    );
    const window = recent.map((r) => r.completedAt ?? now);
    let attempted = 0;
    const mine = await em.find(
      Delivery,
      { id: { $in: rows.map((r) => r.id) } },
      { orderBy: { nextAttemptAt: 'asc', createdAt: 'asc' } },
    );
    for (const row of mine) {
      if (window.length >= limit) {
        // Over the limit: wait until the oldest send leaves the one-minute window.
        row.nextAttemptAt = (window[window.length - limit] ?? now) + minute;
        continue;
      }
      attempted++;
      row.status = 'sending';
      await em.flush();
      try {
        await this.#deliverer.deliver(destination, row.payload);
        const at = this.policy.clock.now();
        Object.assign(row, { status: 'sent', completedAt: at, lastError: null });
        row.attempts++;
        window.push(at);
        for (const key of receiptKeys(row.payload, destination)) {
          if (row.payload.event !== 'test') em.upsert(DeliveryReceipt, { key, deliveredAt: at });
        }
      } catch (error) {
        this.#fail(row, error);
      }
      await em.flush();
    }
    await em.flush();
    return attempted;
  }

  #fail(row: Delivery, error: unknown): void {
    const now = this.policy.clock.now();
    const failure = error instanceof DeliveryError ? error : null;
    row.attempts++;
    row.lastError = (error as Error).message?.slice(0, 1000) ?? String(error);
    row.lastStatusCode = failure?.statusCode ?? null;
    if (failure?.permanent || row.attempts >= row.maxAttempts) {
      Object.assign(row, { status: 'dlq', completedAt: now });
      this.#log.warn(
        { destination: row.destination, attempts: row.attempts, error: row.lastError },
        'notification moved to the dead-letter queue',
      );
    } else {
      row.status = 'failed';
      row.nextAttemptAt = now + backoffMs(row.attempts, this.policy);
    }
  }

  async #pruneIfDue(now: number): Promise<void> {
    if (now - this.#lastPruneAt < 60 * minute) return;
    this.#lastPruneAt = now;
    await this.prune();
  }

  /** Drops sent and cancelled rows after keepDoneMs, dead letters after keepDeadMs. */
  async prune(): Promise<number> {
    const now = this.policy.clock.now();
    const em = this.#orm.em.fork();
    const done = await em.nativeDelete(Delivery, {
      status: { $in: ['sent', 'cancelled'] },
      completedAt: { $lt: now - this.policy.keepDoneMs },
    });
    const dead = await em.nativeDelete(Delivery, {
      status: 'dlq',
      completedAt: { $lt: now - this.policy.keepDeadMs },
    });
    // A receipt outlives its row by the longest retention, so a late duplicate is still caught.
    await em.nativeDelete(DeliveryReceipt, { deliveredAt: { $lt: now - this.policy.keepDeadMs } });
    return done + dead;
  }

  async #scheduleNext(): Promise<void> {
    if (!this.#running) return;
    const next = await this.#orm.em
      .fork()
      .findOne(Delivery, { status: { $in: due } }, { orderBy: { nextAttemptAt: 'asc' } });
    // Wake at least hourly for retention even when nothing is queued.
    const wait = next ? next.nextAttemptAt - this.policy.clock.now() : 60 * minute;
    this.#schedule(Math.max(0, Math.min(wait, 60 * minute)));
  }

  #schedule(ms: number): void {
    if (!this.#running) return;
    if (this.#timer !== null) this.policy.clock.clearTimeout(this.#timer);
    this.#timer = this.policy.clock.setTimeout(() => {
      this.#timer = null;
      this.runDue().catch((error) => this.#log.error({ err: error }, 'notification run failed'));
    }, ms);
  }
}
