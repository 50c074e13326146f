import type { KubeObject } from '../../api/object';

/** meta.k8s.io/v1 TableColumnDefinition; every field is serialized, as upstream has no omitempty here. */
export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** A cell is what the Go printer appended: a string, or an int64/bool that JSON keeps as a number/bool. */
export type Cell = string | number | boolean;

export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface TableRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
  object?: KubeObject;
}

export interface PartialObjectMetadata extends KubeObject {
  apiVersion: 'meta.k8s.io/v1';
  kind: 'PartialObjectMetadata';
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** What one print function yields for one object (the row before the apiserver attaches `object`). */
export interface PrintedRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
}

/**
 * A printer: the column definitions (including priority-1 wide ones, since the apiserver always
 * prints wide) and the row function. Mirrors one `h.TableHandler(columns, printX)` upstream.
 */
export interface Printer {
  columns: TableColumnDefinition[];
  print(obj: KubeObject, nowMs: number): PrintedRow;
}

/** Builds a column definition the way upstream literals read: unset format/priority are ''/0. */
export function col(
  name: string,
  type: string,
  description: string,
  extra: { format?: string; priority?: number } = {},
): TableColumnDefinition {
  return { name, type, format: extra.format ?? '', description, priority: extra.priority ?? 0 };
}

/**
 * Views a stored object as its kind's type. The types mark some fields required (roleRef,
 * involvedObject, addressType) that malformed input may lack, so printers still guard each read.
 */
export function asKind<T>(obj: KubeObject): T {
  return obj as unknown as T;
}
