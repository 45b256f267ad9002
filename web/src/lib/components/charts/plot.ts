import type uPlot from 'uplot';
import type { Point } from './history.svelte.ts';
import { formatTick, type MetricUnit } from './metrics.ts';

export interface Palette {
  lines: string[];
  text: string;
  grid: string;
}

/** Reads the theme's colours from the custom properties, so charts follow light and dark. */
export function readPalette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const get = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    lines: [get('--accent', '#2563eb'), get('--warn', '#d97706')],
    text: get('--text-3', '#8a94a6'),
    grid: get('--border', '#e4e7ec'),
  };
}

/** `#rrggbb` (or `#rgb`) with an alpha; any other colour is returned as it is. */
export function withAlpha(colour: string, alpha: number): string {
  let hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour)?.[1];
  if (!hex) return colour;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r} ${g} ${b} / ${alpha})`;
}

/** Shared x values (seconds) over the union of the series' times; gaps are null. */
export function toData(series: readonly Point[][]): uPlot.AlignedData {
  const times = [...new Set(series.flatMap((points) => points.map((p) => p.t)))].sort(
    (a, b) => a - b,
  );
  const columns: (number | null)[][] = [];
  for (const points of series) {
    const byTime = new Map(points.map((p) => [p.t, p]));
    columns.push(times.map((t) => byTime.get(t)?.min ?? null));
    columns.push(times.map((t) => byTime.get(t)?.max ?? null));
    columns.push(times.map((t) => byTime.get(t)?.avg ?? null));
  }
  return [times.map((t) => t / 1000), ...columns];
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** One line per tick: clock times within two days, dates beyond. */
const timeTicks = (u: uPlot, splits: number[]): string[] => {
  const { min = 0, max = 0 } = u.scales.x ?? {};
  const format = max - min > 2 * 86_400 ? day : clock;
  // Ticks finer than the format (30 s steps as minutes) would repeat a label: show it once.
  return splits.map((seconds, i) => {
    const label = format.format(seconds * 1000);
    const previous = i > 0 ? format.format((splits[i - 1] ?? 0) * 1000) : null;
    return label === previous ? '' : label;
  });
};

export interface PlotSpec {
  width: number;
  height: number;
  /** The picked range in seconds: the x axis always spans it, however few points there are. */
  spanSeconds: number;
  labels: readonly string[];
  unit: MetricUnit;
  palette: Palette;
  onCursor: (index: number | null) => void;
}

/** Per metric: min and max (drawn only as the band between them), then avg as the line. */
export function buildOptions(spec: PlotSpec): uPlot.Options {
  const { palette, unit } = spec;
  const series: uPlot.Series[] = [{}];
  const bands: uPlot.Band[] = [];
  spec.labels.forEach((label, i) => {
    const colour = palette.lines[i % palette.lines.length] ?? '#2563eb';
    const base = 1 + i * 3;
    series.push({ label: `${label} min`, stroke: 'transparent', points: { show: false } });
    series.push({ label: `${label} max`, stroke: 'transparent', points: { show: false } });
    series.push({ label, stroke: colour, width: 1.75, points: { show: false } });
    bands.push({ series: [base + 1, base], fill: withAlpha(colour, 0.16) });
  });
  const axis = (): uPlot.Axis => ({
    stroke: palette.text,
    grid: { stroke: palette.grid, width: 1 },
    ticks: { stroke: palette.grid, width: 1, size: 4 },
    font: '11px system-ui, sans-serif',
  });
  return {
    width: spec.width,
    height: spec.height,
    series,
    bands,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    scales: {
      // Without this, one or two points make uPlot spread the axis over years.
      x: { time: true, range: (_u, _min, max) => [max - spec.spanSeconds, max] },
      y: {
        range: (_u, _min, max) => {
          const top = max > 0 ? max * 1.15 : 1;
          return [0, unit === 'fraction' ? Math.min(1, Math.max(top, 0.05)) : top];
        },
      },
    },
    axes: [
      { ...axis(), space: 64, size: 30, values: timeTicks },
      { ...axis(), size: 64, values: (_u, splits) => splits.map((v) => formatTick(unit, v)) },
    ],
    hooks: {
      setCursor: [(u) => spec.onCursor(u.cursor.idx ?? null)],
    },
  };
}
