/**
 * The model's answer as plain-text blocks: paragraphs, bulleted and numbered lists. It is never
 * HTML: every piece ends up as a text node, so whatever the model (or a resource name quoted
 * by it) says cannot become markup.
 */
export type Inline = { kind: 'plain' | 'strong' | 'code'; text: string };

export type Block =
  | { kind: 'paragraph'; lines: Inline[][] }
  | { kind: 'heading'; text: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

const bullet = /^\s*[-*•]\s+(.*)$/;
const numbered = /^\s*\d{1,3}[.)]\s+(.*)$/;
const heading = /^\s{0,3}#{1,6}\s+(.*)$/;

/** `**bold**` and `code` spans, the two a model uses most; anything else stays as typed. */
export function inline(text: string): Inline[] {
  const pieces: Inline[] = [];
  const span = /\*\*([^*]+)\*\*|`([^`]+)`/g;
  let at = 0;
  for (const match of text.matchAll(span)) {
    if (match.index > at) pieces.push({ kind: 'plain', text: text.slice(at, match.index) });
    if (match[1] !== undefined) pieces.push({ kind: 'strong', text: match[1] });
    else pieces.push({ kind: 'code', text: match[2] ?? '' });
    at = match.index + match[0].length;
  }
  if (at < text.length) pieces.push({ kind: 'plain', text: text.slice(at) });
  return pieces;
}

export function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  // Whether the last block may still grow: a blank line or a heading ends it.
  let open = false;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const last = open ? blocks.at(-1) : undefined;
    open = true;
    if (!line.trim()) {
      open = false;
      continue;
    }
    const item = bullet.exec(line) ?? numbered.exec(line);
    if (item) {
      const ordered = !bullet.test(line);
      const pieces = inline(item[1] ?? '');
      if (last?.kind === 'list' && last.ordered === ordered) last.items.push(pieces);
      else blocks.push({ kind: 'list', ordered, items: [pieces] });
      continue;
    }
    const title = heading.exec(line);
    if (title) {
      blocks.push({ kind: 'heading', text: inline(title[1] ?? '') });
      open = false;
      continue;
    }
    if (last?.kind === 'paragraph') last.lines.push(inline(line));
    else blocks.push({ kind: 'paragraph', lines: [inline(line)] });
  }
  return blocks;
}
