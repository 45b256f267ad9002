import { ApiError, type Call } from './router.ts';

type Json = Record<string, unknown>;

const steps: Record<string, number> = {
  hour: 60,
  day: 1_800,
  week: 10_800,
  month: 43_200,
  year: 604_800,
  decade: 6_048_000,
};

/** The 70 rows of an RRD archive ending at `at`; `row` returns the sample or null (gap). */
export function rrdRows(call: Call, row: (atMs: number) => Json | null): Json[] {
  if (call.args.has('ds')) {
    throw new ApiError(400, 'Parameter verification failed.', {
      ds: 'property is not defined in schema and the schema does not allow additional properties',
    });
  }
  const timeframe = call.args.get('timeframe') ?? '';
  const step = steps[timeframe];
  if (step === undefined) {
    throw new ApiError(400, 'Parameter verification failed.', {
      timeframe: `value '${timeframe}' does not have a value in the enumeration 'hour, day, week, month, year, decade'`,
    });
  }
  const last = Math.floor(call.at / 1000 / step) * step - step;
  const out: Json[] = [];
  for (let i = 69; i >= 0; i--) {
    const time = last - i * step;
    out.push({ time, ...(row(time * 1000) ?? {}) });
  }
  return out;
}
