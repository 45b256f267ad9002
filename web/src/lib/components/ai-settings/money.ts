const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
// A few chat turns cost fractions of a cent: rounded to cents they would all read "$0.00".
const cents = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumSignificantDigits: 2,
});

/** "$12.40", "$0.0042"; an en dash when the cost is unknown (no price for the model). */
export function usd(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return '–';
  if (value !== 0 && Math.abs(value) < 0.01) return cents.format(value);
  return dollars.format(value);
}

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** The price table's date ("2026-11-01"), a calendar day: read in UTC so it never shifts. */
export function priceDate(iso: string): string {
  const at = Date.parse(iso);
  return Number.isFinite(at) ? day.format(at) : iso;
}
