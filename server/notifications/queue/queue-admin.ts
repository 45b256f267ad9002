import type { Orm } from '../../db/orm.ts';
import { NotFoundError } from '../../errors.ts';
import { Delivery, type DeliveryStatus } from './delivery.entity.ts';

export interface QueueStats {
  pending: number;
  sending: number;
  sent: number;
  failed: number;
  dlq: number;
  cancelled: number;
  /** Epoch ms of the oldest row still waiting, or null. */
  oldestPendingAt: number | null;
}

export interface DeadLetter {
  id: string;
  destination: string;
  event: string;
  alertIds: string[];
  attempts: number;
  lastError: string | null;
  lastStatusCode: number | null;
  createdAt: number;
  completedAt: number | null;
}

export async function queueStats(orm: Orm): Promise<QueueStats> {
  const em = orm.em.fork();
  const statuses: DeliveryStatus[] = ['pending', 'sending', 'sent', 'failed', 'dlq', 'cancelled'];
  const counts = await Promise.all(statuses.map((status) => em.count(Delivery, { status })));
  const stats = Object.fromEntries(statuses.map((status, i) => [status, counts[i] ?? 0])) as Omit<
    QueueStats,
    'oldestPendingAt'
  >;
  const oldest = await em.findOne(
    Delivery,
    { status: { $in: ['pending', 'failed', 'sending'] } },
    { orderBy: { createdAt: 'asc' } },
  );
  return { ...stats, oldestPendingAt: oldest?.createdAt ?? null };
}

export async function listDeadLetters(orm: Orm): Promise<DeadLetter[]> {
  const rows = await orm.em
    .fork()
    .find(Delivery, { status: 'dlq' }, { orderBy: { completedAt: 'desc' }, limit: 500 });
  return rows.map((row) => ({
    id: row.id,
    destination: row.destination,
    event: row.event,
    alertIds: row.alertIds,
    attempts: row.attempts,
    lastError: row.lastError ?? null,
    lastStatusCode: row.lastStatusCode ?? null,
    createdAt: row.createdAt,
    completedAt: row.completedAt ?? null,
  }));
}

/** Puts dead letters back in the queue with a fresh set of attempts; returns how many. */
export async function retryDeadLetters(orm: Orm, id: string | 'all', now: number) {
  const em = orm.em.fork();
  const where = id === 'all' ? { status: 'dlq' } : { id, status: 'dlq' };
  const rows = await em.find(Delivery, where);
  if (id !== 'all' && rows.length === 0) throw new NotFoundError(`no dead letter with id ${id}`);
  for (const row of rows) {
    Object.assign(row, { status: 'pending', attempts: 0, nextAttemptAt: now, completedAt: null });
  }
  await em.flush();
  return rows.length;
}

export async function deleteDeadLetter(orm: Orm, id: string): Promise<void> {
  const deleted = await orm.em.fork().nativeDelete(Delivery, { id, status: 'dlq' });
  if (deleted === 0) throw new NotFoundError(`no dead letter with id ${id}`);
}
