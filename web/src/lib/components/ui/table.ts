/** Which column a table is sorted by, and which way. */
export interface TableSort<Key extends string> {
  key: Key;
  descending: boolean;
}

/** Column widths that change as the screen narrows: at or below 860px (md) and 640px (sm). */
export interface ColumnWidths {
  wide: string;
  md?: string;
  sm?: string;
}

interface ColumnLook {
  label: string;
  /** A shorter label for phones, e.g. "Mem" for "Memory". */
  short?: string;
  /** For a column of buttons, whose header only screen readers need. */
  labelHidden?: boolean;
  align?: 'left' | 'right';
  /** Any CSS width, or one per breakpoint; only the widths of a `fixed` table are firm. */
  width?: string | ColumnWidths;
  /** Classes for the header cell, such as `hide-below-md` (ui/table.css); give the row's
      cells the same one. */
  class?: string;
}

/**
 * A header cell. In a table given a sort, every column sorts by its key unless it says
 * `sortable: false`; such a column's key is only its name.
 */
export type Column<Key extends string> = ColumnLook &
  ({ key: Key; sortable?: true } | { key: string; sortable: false });

/** The sort after a header click: the same column flips, a new one starts its natural way. */
export function nextSort<Key extends string>(
  sort: TableSort<Key>,
  key: Key,
  descendingFirst: ReadonlySet<Key>,
): TableSort<Key> {
  return sort.key === key
    ? { key, descending: !sort.descending }
    : { key, descending: descendingFirst.has(key) };
}
