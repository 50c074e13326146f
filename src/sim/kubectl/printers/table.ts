import { isObj, type Json, type JsonObj } from '../client';
import type { TabWriter } from './tabwriter';

/** A server-side Table (meta.k8s.io/v1) as kubectl receives it. */
export interface ColumnDef {
  name: string;
  type: string;
  format: string;
  priority: number;
}
export interface TableRow {
  cells: Json[];
  object?: JsonObj;
}
export interface Table {
  columnDefinitions: ColumnDef[];
  rows: TableRow[];
}

export function asTable(obj: JsonObj): Table {
  const cols = Array.isArray(obj.columnDefinitions) ? obj.columnDefinitions : [];
  const rows = Array.isArray(obj.rows) ? obj.rows : [];
  return {
    columnDefinitions: cols.filter(isObj).map((c) => ({
      name: String(c.name ?? ''),
      type: String(c.type ?? ''),
      format: String(c.format ?? ''),
      priority: typeof c.priority === 'number' ? c.priority : 0,
    })),
    rows: rows.filter(isObj).map((r) => {
      const row: TableRow = { cells: Array.isArray(r.cells) ? r.cells : [] };
      if (isObj(r.object)) row.object = r.object;
      return row;
    }),
  };
}

export interface PrintOptions {
  noHeaders?: boolean;
  wide?: boolean;
  withNamespace?: boolean;
  showLabels?: boolean;
  columnLabels?: string[];
  /** `deployment.apps`: set when several kinds are printed together (NAME becomes kind/name). */
  kind?: string;
  /** A watch event type: adds the EVENT column. */
  eventType?: string;
}

function metadataOf(row: TableRow): JsonObj | undefined {
  const m = row.object?.metadata;
  return isObj(m) ? m : undefined;
}

/** labels.FormatLabels: sorted `k=v` joined by commas, `<none>` when empty. */
export function formatLabels(labels: Json | undefined): string {
  if (!isObj(labels)) return '<none>';
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${String(labels[k])}`).join(',');
}

function cellText(cell: Json): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return JSON.stringify(cell);
}

/** Cells lose everything from a line break on (cellBreakChars), marked with `...`. */
function sanitize(s: string): string {
  const i = s.search(/[\f\n\r]/);
  return i >= 0 ? `${s.slice(0, i)}...` : s;
}

const EVENT_TYPES: Record<string, string> = {
  ADDED: 'ADDED   ',
  MODIFIED: 'MODIFIED',
  DELETED: 'DELETED ',
  ERROR: 'ERROR   ',
};

/**
 * cli-runtime's HumanReadablePrinter for Tables: decorateTable (NAMESPACE first, kind/ prefix on
 * NAME, label columns last), then printTable. Keeps the last column set so a second table with
 * the same columns (another name, a watch event) prints no header again.
 */
export class TablePrinter {
  private lastColumns?: string;
  private printedHeaders = false;
  constructor(private readonly opts: PrintOptions) {}

  print(table: Table, w: TabWriter, eventType?: string): void {
    const colsKey = JSON.stringify(table.columnDefinitions);
    let noHeaders = this.opts.noHeaders ?? false;
    if (this.printedHeaders && (table.columnDefinitions.length === 0 || colsKey === this.lastColumns))
      noHeaders = true;
    if (table.columnDefinitions.length > 0 && colsKey !== this.lastColumns) {
      this.lastColumns = colsKey;
      this.printedHeaders = false;
    }
    if (table.rows.length > 0) this.printedHeaders = true;

    const visible = table.columnDefinitions
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => this.opts.wide || c.priority === 0);
    const headers: string[] = [];
    if (eventType) headers.push('EVENT');
    if (this.opts.withNamespace) headers.push('NAMESPACE');
    for (const { c } of visible) headers.push(c.name.toUpperCase());
    for (const l of this.opts.columnLabels ?? []) headers.push(l.split('/').pop()!.toUpperCase());
    if (this.opts.showLabels) headers.push('LABELS');

    if (!noHeaders) {
      if (table.rows.length === 0) return;
      w.write(headers.join('\t') + '\n');
    }
    const nameCol = this.opts.kind
      ? table.columnDefinitions.findIndex((c) => c.format === 'name' && c.type === 'string')
      : -1;
    for (const row of table.rows) {
      const cells: string[] = [];
      if (eventType) cells.push(EVENT_TYPES[eventType] ?? eventType);
      const meta = metadataOf(row);
      if (this.opts.withNamespace)
        cells.push(meta && typeof meta.namespace === 'string' ? meta.namespace : '');
      for (const { i } of visible) {
        let t = i < row.cells.length ? cellText(row.cells[i]) : '';
        if (i === nameCol) t = `${this.opts.kind}/${t}`;
        cells.push(sanitize(t));
      }
      const labels = meta?.labels;
      for (const l of this.opts.columnLabels ?? []) {
        const v = isObj(labels) ? labels[l] : undefined;
        cells.push(typeof v === 'string' ? v : '');
      }
      if (this.opts.showLabels) cells.push(formatLabels(labels));
      w.write(cells.join('\t') + '\n');
    }
  }
}
