/** Reading untyped wire JSON without casts: absent or wrong-typed fields read as empty. */
export type Json = Record<string, unknown>;

export const obj = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
export const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const str = (value: unknown): string => (typeof value === 'string' ? value : '');
export const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

/** A tool call's accumulated JSON arguments; "" means no arguments. */
export function parseToolInput(text: string): Json {
  if (text.trim() === '') return {};
  try {
    return obj(JSON.parse(text));
  } catch {
    return {};
  }
}
