/**
 * Kubernetes resource quantities (`resource.Quantity`): a decimal number with an optional
 * binary suffix (Ki, Mi, ... Ei), decimal suffix (n, u, m, k, M, G, T, P, E) or exponent
 * (`1e3`). CPU "4" and "3500m", memory "16Gi", "16384Mi", "1234567Ki" and "129e6" all parse.
 */

const binary: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const decimal: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const pattern = /^([+-]?(?:\d+\.?\d*|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[numkMGTPE])?$/;

/** The quantity as a plain number, or undefined when the text is not a quantity. */
export function parseQuantity(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = pattern.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  const suffix = match[2] ?? '';
  if (/^[eE]/.test(suffix)) return value * 10 ** Number(suffix.slice(1));
  const factor = binary[suffix] ?? decimal[suffix];
  return factor === undefined ? undefined : value * factor;
}

/** CPU in millicores, rounded up as Kubernetes does (`MilliValue`): "4" → 4000, "3500m" → 3500. */
export function millicores(text: string | undefined): number | undefined {
  const cores = parseQuantity(text);
  return cores === undefined || cores < 0 ? undefined : Math.ceil(Math.round(cores * 1e6) / 1e3);
}

/** Memory in bytes, rounded up: "16Gi" → 17179869184. */
export function bytesOf(text: string | undefined): number | undefined {
  const value = parseQuantity(text);
  return value === undefined || value < 0 ? undefined : Math.ceil(value);
}

/** A count such as `pods: "110"`. */
export function countOf(text: string | undefined): number | undefined {
  const value = parseQuantity(text);
  return value === undefined || value < 0 ? undefined : Math.floor(value);
}
