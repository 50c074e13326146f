/**
 * Server-side printing, as kube-apiserver answers `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`:
 * one printer per resource (pkg/printers/internalversion), the default table for the rest
 * (apiserver/pkg/registry/rest/table.go), and the `includeObject` handling of the REST handler.
 */
import type { KubeObject } from '../../api/object';
import type { ResourceInfo } from '../resources';
import { clusterRoleBindingPrinter } from './clusterrolebinding';
import { configMapPrinter } from './configmap';
import { daemonSetPrinter } from './daemonset';
import { defaultPrinter } from './default';
import { deploymentPrinter } from './deployment';
import { endpointsPrinter } from './endpoints';
import { endpointSlicePrinter } from './endpointslice';
import { eventPrinter, eventsV1Printer } from './event';
import { leasePrinter } from './lease';
import { namespacePrinter } from './namespace';
import { nodePrinter } from './node';
import { podPrinter } from './pod';
import { replicaSetPrinter } from './replicaset';
import { roleBindingPrinter } from './rolebinding';
import { secretPrinter } from './secret';
import { servicePrinter } from './service';
import { serviceAccountPrinter } from './serviceaccount';
import type { PartialObjectMetadata, Printer, Table, TableRow } from './types';

export { humanDuration, translateTimestampSince } from './duration';
export type {
  Cell,
  PartialObjectMetadata,
  Printer,
  Table,
  TableColumnDefinition,
  TableRow,
  TableRowCondition,
} from './types';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface PrintTableOptions {
  /** The virtual clock, epoch ms: AGE and LAST SEEN are relative to it. */
  nowMs: number;
  includeObject: IncludeObject;
  /** The list's metadata (a single GET passes the object's resourceVersion here). */
  listMeta?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
}

/** Keyed by `group/resource`: a printer serves every version of its resource, as upstream's internal types do. */
const PRINTERS = new Map<string, Printer>([
  ['/pods', podPrinter],
  ['/nodes', nodePrinter],
  ['/namespaces', namespacePrinter],
  ['/services', servicePrinter],
  ['/endpoints', endpointsPrinter],
  ['/events', eventPrinter],
  ['/configmaps', configMapPrinter],
  ['/secrets', secretPrinter],
  ['/serviceaccounts', serviceAccountPrinter],
  ['apps/deployments', deploymentPrinter],
  ['apps/replicasets', replicaSetPrinter],
  ['apps/daemonsets', daemonSetPrinter],
  ['coordination.k8s.io/leases', leasePrinter],
  ['discovery.k8s.io/endpointslices', endpointSlicePrinter],
  ['events.k8s.io/events', eventsV1Printer],
  ['rbac.authorization.k8s.io/rolebindings', roleBindingPrinter],
  ['rbac.authorization.k8s.io/clusterrolebindings', clusterRoleBindingPrinter],
]);

/** The printer the apiserver uses for a resource: its own, or the default Name / Created At table. */
export function printerFor(info: Pick<ResourceInfo, 'group' | 'resource'>): Printer {
  return PRINTERS.get(`${info.group}/${info.resource}`) ?? defaultPrinter;
}

function partialObjectMetadata(obj: KubeObject): PartialObjectMetadata {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata ?? {} };
}

/**
 * A meta.k8s.io/v1 Table for `objects`, rows in the order given. Column definitions include the
 * priority-1 (wide) columns and every row has their cells: the apiserver always prints wide and
 * kubectl drops those columns unless `-o wide`.
 */
export function printTable(info: ResourceInfo, objects: KubeObject[], opts: PrintTableOptions): Table {
  const printer = printerFor(info);
  const rows: TableRow[] = objects.map((obj) => {
    const printed = printer.print(obj, opts.nowMs);
    const row: TableRow = { cells: printed.cells };
    if (printed.conditions && printed.conditions.length > 0)
      row.conditions = printed.conditions.map((c) => ({ ...c }));
    // Upstream serializes a nil object for includeObject=None; KubeSim leaves the key out.
    if (opts.includeObject === 'Object') row.object = obj;
    else if (opts.includeObject === 'Metadata') row.object = partialObjectMetadata(obj);
    return row;
  });
  const metadata: Table['metadata'] = {};
  if (opts.listMeta?.resourceVersion) metadata.resourceVersion = opts.listMeta.resourceVersion;
  if (opts.listMeta?.continue) metadata.continue = opts.listMeta.continue;
  if (opts.listMeta?.remainingItemCount !== undefined)
    metadata.remainingItemCount = opts.listMeta.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: printer.columns.map((c) => ({ ...c })),
    rows,
  };
}
