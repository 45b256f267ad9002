import { ValidationError } from '../../errors.ts';
import { type TemplateData, templateFields } from '../notification-data.ts';

/**
 * A small renderer for custom webhook payloads, compatible with the simple part of Go's
 * template syntax Pulse users already write: `{{.Field}}`, optionally `{{ .Field | upper }}`.
 * It interprets nothing else: no code runs, a template can only read the fields below.
 *
 * A template that starts with `{` or `[` is JSON. There each value is escaped for where
 * it lands: inside a string literal it becomes escaped string content, outside one a JSON
 * value (`"text"`, `42`, `null`), so the result parses whatever the alert message holds.
 */
type Filter = 'json' | 'upper' | 'lower';
const filters = new Set<Filter>(['json', 'upper', 'lower']);
const known = new Set<string>(templateFields);

type Part = { text: string } | { field: keyof TemplateData; filter: Filter | null };

const tagPattern = /\{\{\s*\.([A-Za-z]+)\s*(?:\|\s*([a-z]+)\s*)?\}\}/y;

export function parseTemplate(template: string): Part[] {
  const parts: Part[] = [];
  let index = 0;
  while (index < template.length) {
    const open = template.indexOf('{{', index);
    if (open === -1) {
      parts.push({ text: template.slice(index) });
      break;
    }
    if (open > index) parts.push({ text: template.slice(index, open) });
    tagPattern.lastIndex = open;
    const match = tagPattern.exec(template);
    if (!match) {
      const snippet = template.slice(open, open + 30);
      throw new ValidationError(`template: unsupported expression at "${snippet}"`, 'template');
    }
    const [whole, field = '', filter] = match;
    if (!known.has(field)) {
      throw new ValidationError(
        `template: unknown field .${field} (known: ${templateFields.join(', ')})`,
        'template',
      );
    }
    if (filter !== undefined && !filters.has(filter as Filter)) {
      throw new ValidationError(`template: unknown filter "${filter}"`, 'template');
    }
    parts.push({ field: field as keyof TemplateData, filter: (filter as Filter) ?? null });
    index = open + whole.length;
  }
  return parts;
}

export function isJsonTemplate(template: string): boolean {
  // `{{.Level}} …` starts with a brace too, but it is a tag, not an object.
  return /^\s*(?:\[|\{(?!\{))/.test(template);
}

function applyFilter(value: TemplateData[keyof TemplateData], filter: Filter | null) {
  if (filter === 'upper') return String(value ?? '').toUpperCase();
  if (filter === 'lower') return String(value ?? '').toLowerCase();
  return value;
}

/** Whether literal text leaves a JSON string literal open, starting from `inside`. */
function scanStrings(text: string, inside: boolean): boolean {
  let open = inside;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (open && c === '\\') i++;
    else if (c === '"') open = !open;
  }
  return open;
}

export function renderTemplate(template: string, data: TemplateData): string {
  const parts = parseTemplate(template);
  const json = isJsonTemplate(template);
  let inString = false;
  let out = '';
  for (const part of parts) {
    if ('text' in part) {
      out += part.text;
      if (json) inString = scanStrings(part.text, inString);
      continue;
    }
    const value = applyFilter(data[part.field], part.filter);
    if (part.filter === 'json' && !inString) out += JSON.stringify(value ?? null);
    else if (!json) out += String(value ?? '');
    else if (inString) out += JSON.stringify(String(value ?? '')).slice(1, -1);
    else out += JSON.stringify(value ?? null);
  }
  return out;
}

/** Renders with sample data; a JSON template must also parse. Throws a ValidationError. */
export function validateTemplate(template: string, sample: TemplateData): void {
  const rendered = renderTemplate(template, sample);
  if (!isJsonTemplate(template)) return;
  try {
    JSON.parse(rendered);
  } catch (error) {
    throw new ValidationError(
      `template: the rendered JSON is invalid (${(error as Error).message})`,
      'template',
    );
  }
}
