import type { Point } from '../../metrics/store.ts';
import { type Resource, type ResourceOf, usedPercent } from '../../resources/model.ts';
import type { Finding } from '../finding.ts';
import type { PatrolInputs } from '../inputs.ts';

/**
 * The estate as the model reads it: one compact JSON document that fits a token budget however
 * large the estate is. Tables are column lists plus rows of values, which costs a fraction of
 * the tokens of one object per resource. Every name, tag and note is a JSON string value, so
 * whatever it says stays quoted data.
 */

/** The most one pass may send, all included (Pulse's own runs measured over 100,000). */
export const patrolTokenBudget = 10_000;

/**
 * Characters per token, on the cautious side. This document (ids like `pve-a/qemu/1234`,
 * decimals, short JSON punctuation) measured 2.8 characters per token with the o200k and
 * cl100k tokenizers (test/bench/patrol-tokens.ts), well under the 4 of prose; 2.5 keeps the
 * estimate above the real count.
 */
export const charsPerToken = 2.5;

export const estimateTokens = (text: string) => Math.ceil(text.length / charsPerToken);

/** A finding the model raised on an earlier run and that is still open. */
export interface EarlierModelFinding {
  id: string;
  resourceId: string;
  title: string;
}

/** Notes can be long; the model gets the start of each. */
const noteChars = 300;

export interface SummaryInput {
  inputs: PatrolInputs;
  /** The deterministic pass's findings for this run. */
  findings: readonly Finding[];
  earlierModelFindings: readonly EarlierModelFinding[];
  /** People's notes on guests, by guest id. */
  notes: ReadonlyMap<string, readonly string[]>;
  /** People's notes on findings, by finding id. */
  findingNotes: ReadonlyMap<string, string>;
  now: number;
  /** Characters the document may take. */
  maxChars: number;
}

export interface EstateSummary {
  /** The JSON document. */
  document: string;
  resources: { total: number; included: number };
  findings: { total: number; included: number };
}

type Cell = string | number | boolean | null;
interface Table {
  columns: string[];
  rows: Cell[][];
  /** Rows left out for the budget. */
  omitted?: number;
}

const cpuPct = (r: Resource) => (r.cpu === null ? null : Math.round(r.cpu * 1000) / 10);
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);
const gib = (bytes: number) => Math.round((bytes / 2 ** 30) * 10) / 10;

/** Percentage points of growth per day over the history, null when there is too little. */
function growthPerDay(points: readonly Point[] | undefined): number | null {
  if (!points || points.length < 2) return null;
  const first = points[0] as Point;
  const last = points[points.length - 1] as Point;
  const days = (last.t - first.t) / 86_400_000;
  if (days < 0.25) return null;
  return Math.round(((last.avg - first.avg) / days) * 1000) / 10;
}

/** Adds rows while the table's JSON stays within `maxChars`; notes how many were left out. */
function fill(columns: string[], rows: Cell[][], maxChars: number): Table {
  const table: Table = { columns, rows: [] };
  let size = JSON.stringify(table).length + 20;
  for (const row of rows) {
    const cost = JSON.stringify(row).length + 1;
    if (size + cost > maxChars) break;
    table.rows.push(row);
    size += cost;
  }
  const omitted = rows.length - table.rows.length;
  if (omitted > 0) table.omitted = omitted;
  return table;
}

function totals(resources: readonly Resource[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const r of resources) {
    const byStatus = out[r.type] ?? {};
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    out[r.type] = byStatus;
  }
  return out;
}

function nodeRows(resources: readonly Resource[]): Cell[][] {
  const guests = new Map<string, number>();
  for (const r of resources) {
    if (r.type === 'vm' || r.type === 'container') {
      guests.set(r.details.node, (guests.get(r.details.node) ?? 0) + 1);
    }
  }
  return resources
    .filter((r) => r.type === 'node' || r.type === 'pbs' || r.type === 'pmg' || r.type === 'host')
    .map((r) => [
      r.id,
      clip(r.name, 64),
      r.type,
      r.status,
      cpuPct(r),
      usedPercent(r.memory),
      usedPercent(r.disk),
      r.uptimeSeconds === null ? null : Math.round(r.uptimeSeconds / 3600),
      guests.get(r.name) ?? 0,
    ]);
}

function storageRows(inputs: PatrolInputs): Cell[][] {
  return inputs.resources
    .filter((r) => (r.type === 'storage' || r.type === 'pbsDatastore') && r.disk !== null)
    .map((r): [number, Cell[]] => {
      const used = usedPercent(r.disk) ?? 0;
      const row: Cell[] = [
        r.id,
        clip(r.name, 64),
        r.status,
        used,
        gib(r.disk?.totalBytes ?? 0),
        growthPerDay(inputs.history.usage.get(r.id)),
      ];
      return [used, row];
    })
    .sort((a, b) => b[0] - a[0])
    .map(([, row]) => row);
}

function findingRows(findings: readonly Finding[], notes: ReadonlyMap<string, string>): Cell[][] {
  return findings.map((f) => {
    const note = notes.get(f.id);
    return [
      f.id,
      f.severity,
      f.resourceId,
      clip(f.title, 140),
      note ? clip(note, noteChars) : null,
    ];
  });
}

/** How much a guest deserves the model's eye: busy, full, stopped, or annotated by people. */
function attention(r: Resource, notes: readonly string[] | undefined): number {
  const cpu = r.cpu ?? 0;
  const mem = r.memory && r.memory.totalBytes > 0 ? r.memory.usedBytes / r.memory.totalBytes : 0;
  const disk = r.disk && r.disk.totalBytes > 0 ? r.disk.usedBytes / r.disk.totalBytes : 0;
  let score = Math.max(cpu, mem, disk);
  if (notes && notes.length > 0) score += 1;
  if (r.status !== 'running' && r.status !== 'stopped') score += 0.5;
  return score;
}

type Guest = ResourceOf<'vm'> | ResourceOf<'container'>;
const isGuest = (r: Resource): r is Guest => r.type === 'vm' || r.type === 'container';

function guestRows(input: SummaryInput): Cell[][] {
  return input.inputs.resources
    .filter(isGuest)
    .filter((r) => !r.details.template)
    .map((r): [number, Cell[]] => {
      const notes = input.notes.get(r.id);
      const row: Cell[] = [
        r.id,
        clip(r.name, 64),
        r.details.node,
        r.status,
        cpuPct(r),
        usedPercent(r.memory),
        usedPercent(r.disk),
        r.tags
          .slice(0, 5)
          .map((t) => clip(t, 32))
          .join(',') || null,
        notes && notes.length > 0
          ? notes
              .slice(0, 3)
              .map((n) => clip(n, 200))
              .join(' | ')
          : null,
      ];
      return [attention(r, notes), row];
    })
    .sort((a, b) => b[0] - a[0])
    .map(([, row]) => row);
}

/**
 * Builds the document within `maxChars`: totals always; then nodes, storage, the known
 * findings and the guests most worth a look, each up to a share of the room, with whatever an
 * earlier table leaves unused passed on to the guests.
 */
export function summarizeEstate(input: SummaryInput): EstateSummary {
  const { inputs, maxChars } = input;
  const head = {
    about:
      'Pulse estate summary. Tables are columns plus rows; "omitted" counts rows left out for size. cpu/mem/disk are percent used.',
    generatedAt: new Date(input.now).toISOString(),
    totals: totals(inputs.resources),
    earlierModelFindings: input.earlierModelFindings.slice(0, 30).map((f) => {
      const note = input.findingNotes.get(f.id);
      return {
        id: f.id,
        resourceId: f.resourceId,
        title: clip(f.title, 140),
        ...(note && { peopleNote: clip(note, noteChars) }),
      };
    }),
  };
  let room = maxChars - JSON.stringify(head).length - 200;
  const take = (columns: string[], rows: Cell[][], share: number) => {
    const table = fill(columns, rows, Math.max(0, Math.floor(room * share)));
    room -= JSON.stringify(table).length;
    return table;
  };
  const nodes = take(
    ['id', 'name', 'type', 'status', 'cpu', 'mem', 'disk', 'uptimeHours', 'guests'],
    nodeRows(inputs.resources),
    0.2,
  );
  const storage = take(
    ['id', 'name', 'status', 'usedPct', 'sizeGiB', 'growthPctPerDay'],
    storageRows(inputs),
    0.25,
  );
  const findings = take(
    ['id', 'severity', 'resourceId', 'title', 'peopleNote'],
    findingRows(input.findings, input.findingNotes),
    0.5,
  );
  const guests = take(
    ['id', 'name', 'node', 'status', 'cpu', 'mem', 'disk', 'tags', 'notes'],
    guestRows(input),
    1,
  );
  const document = JSON.stringify({ ...head, nodes, storage, knownFindings: findings, guests });
  return {
    document,
    resources: {
      total: inputs.resources.length,
      included: nodes.rows.length + storage.rows.length + guests.rows.length,
    },
    findings: { total: input.findings.length, included: findings.rows.length },
  };
}
