import Database from 'better-sqlite3';
import type { Tier } from './tiers.ts';

/**
 * Opens the metrics file (WAL) and creates its tables:
 * - `sample_tail` (time, series): the durable copy of the in-memory head; time-major so each
 *   flush appends at the end of one B-tree instead of touching a page per series;
 * - `raw_block` (series, window): sealed 10-minute blocks of raw samples;
 * - one (series, bucket) table of min/max/avg/count per coarser tier;
 * - `rollup_state`: per tier, up to when it is complete.
 */
export function openMetricsDb(file: string, tiers: readonly Tier[]): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -32768');
  dropRowPerSampleLayout(db);
  db.exec(`
    create table if not exists series (
      id integer primary key, resource_id text not null, metric text not null,
      unique (resource_id, metric));
    create table if not exists sample_tail (
      ts integer not null, series_id integer not null, value real not null,
      primary key (ts, series_id)) without rowid;
    create table if not exists raw_block (
      series_id integer not null, start_ts integer not null, data blob not null,
      primary key (series_id, start_ts)) without rowid;
    create table if not exists rollup_state (tier text primary key, done_until integer not null);
  `);
  for (const tier of tiers.slice(1)) {
    db.exec(`create table if not exists ${tier.table} (
      series_id integer not null, ts integer not null, min real not null, max real not null,
      avg real not null, count integer not null, primary key (series_id, ts)) without rowid`);
  }
  return db;
}

/**
 * Before blocks, raw samples were one row each in `sample_raw`. Those rows are at most a day
 * old and already rolled up into the minute tier, so they are dropped rather than converted.
 */
function dropRowPerSampleLayout(db: Database.Database): void {
  const old = db
    .prepare("select 1 from sqlite_master where type = 'table' and name = 'sample_raw'")
    .get();
  if (!old) return;
  db.exec(`drop table sample_raw; delete from rollup_state where tier = '1m'`);
}
