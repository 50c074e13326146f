/** What the node list shows of a Node, derived as `kubectl get nodes` derives it. */
import type { Node } from 'kubernetes-types/core/v1';
import { parseMilli, parseValue } from '../../sim/api/quantity';
import type { KubeObject } from '../../worker/protocol';

export type Readiness = 'Ready' | 'NotReady' | 'Unknown';

export interface NodeInfo {
  name: string;
  readiness: Readiness;
  /** `node-role.kubernetes.io/<role>` labels, sorted; empty when none (kubectl prints `<none>`). */
  roles: string[];
  unschedulable: boolean;
  cpuMilli?: number;
  memoryBytes?: number;
  pods?: number;
  /** Raw allocatable quantities, for tooltips. */
  cpuText?: string;
  memoryText?: string;
  podCIDR?: string;
}

const ROLE_PREFIX = 'node-role.kubernetes.io/';

export function nodeInfo(obj: KubeObject): NodeInfo {
  const node = obj as Node;
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  // As kubectl prints it: a Ready condition that is False or Unknown is NotReady.
  const readiness: Readiness = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
  const roles = Object.keys(node.metadata?.labels ?? {})
    .filter((l) => l.startsWith(ROLE_PREFIX) && l.length > ROLE_PREFIX.length)
    .map((l) => l.slice(ROLE_PREFIX.length))
    .sort();
  const alloc = node.status?.allocatable ?? {};
  const cpuText = alloc.cpu === undefined ? undefined : String(alloc.cpu);
  const memoryText = alloc.memory === undefined ? undefined : String(alloc.memory);
  return {
    name: node.metadata?.name ?? '',
    readiness,
    roles,
    unschedulable: node.spec?.unschedulable === true,
    cpuMilli: cpuText === undefined ? undefined : parseMilli(cpuText),
    memoryBytes: memoryText === undefined ? undefined : parseValue(memoryText),
    pods: alloc.pods === undefined ? undefined : parseValue(String(alloc.pods)),
    cpuText,
    memoryText,
    podCIDR: node.spec?.podCIDR,
  };
}

/** The control plane first, then workers in natural order (node-2 before node-10). */
export function compareNodeNames(a: string, b: string): number {
  const cp = (n: string) => (n.startsWith('control-plane') ? 0 : 1);
  return cp(a) - cp(b) || a.localeCompare(b, 'en', { numeric: true });
}

const GIB = 2 ** 30;

/** Number formats by language and digits: making one costs far more than using it (20 nodes redraw their bars per frame). */
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: string, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${lang}/${maximumFractionDigits}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(lang, { maximumFractionDigits })));
  return f;
}

export function formatCores(milli: number, lang: string): string {
  return numberFormat(lang, 2).format(milli / 1000);
}

export function formatGiB(bytes: number, lang: string): string {
  return `${numberFormat(lang, 1).format(bytes / GIB)} GiB`;
}
