import type { Node } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import * as d from './descriptions';
import { translateTimestampSince } from './duration';
import { col, type Printer, type PrintedRow } from './types';

const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role=<role>` values, sorted, unique. */
export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role.length > 0) roles.add(role);
    } else if (k === NODE_LABEL_ROLE && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

function address(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

export function printNode(obj: KubeObject, nowMs: number): PrintedRow {
  const node = obj as Node;
  // Only Ready counts toward STATUS; any other status than True reads as NotReady.
  const status: string[] = [];
  const ready = [...(node.status?.conditions ?? [])].reverse().find((c) => c.type === 'Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');

  const roles = findNodeRoles(node).join(',') || '<none>';
  const info = node.status?.nodeInfo;
  return {
    cells: [
      node.metadata?.name ?? '',
      status.join(','),
      roles,
      translateTimestampSince(node.metadata?.creationTimestamp, nowMs),
      info?.kubeletVersion ?? '',
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ],
  };
}

export const nodePrinter: Printer = {
  columns: [
    col('Name', 'string', d.META_NAME, { format: 'name' }),
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    col('Age', 'string', d.META_CREATION_TIMESTAMP),
    col('Version', 'string', d.NODE_INFO_KUBELET_VERSION),
    col('Internal-IP', 'string', d.NODE_STATUS_ADDRESSES, { priority: 1 }),
    col('External-IP', 'string', d.NODE_STATUS_ADDRESSES, { priority: 1 }),
    col('OS-Image', 'string', d.NODE_INFO_OS_IMAGE, { priority: 1 }),
    col('Kernel-Version', 'string', d.NODE_INFO_KERNEL_VERSION, { priority: 1 }),
    col('Container-Runtime', 'string', d.NODE_INFO_CONTAINER_RUNTIME_VERSION, { priority: 1 }),
  ],
  print: printNode,
};
