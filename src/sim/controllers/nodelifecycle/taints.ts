import type { Node, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { Mutable } from '../../api/object';
import type { Client } from '../../client/clientset';
import type { Informer } from '../../client/informer';
import { toleratesTaint } from '../../scheduler/framework/labels';

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_NODE_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_NODE_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_NODE_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NODE_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

export const UNREACHABLE_TAINT: Taint = { key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' };
export const NOT_READY_TAINT: Taint = { key: TAINT_NODE_NOT_READY, effect: 'NoExecute' };

/** Taint.MatchTaint: key and effect identify a taint; value and timeAdded do not. */
export function matchTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

export function taintExists(taints: readonly Taint[] | undefined, t: Taint): boolean {
  return (taints ?? []).some((x) => matchTaint(x, t));
}

function sameTaint(a: Taint, b: Taint): boolean {
  return matchTaint(a, b) && (a.value ?? '') === (b.value ?? '') && a.timeAdded === b.timeAdded;
}

/**
 * v1helper.GetMatchingTolerations: whether every taint is tolerated, and the first toleration
 * found for each (their tolerationSeconds decide when an eviction fires).
 */
export function getMatchingTolerations(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
): { allTolerated: boolean; used: Toleration[] } {
  if (taints.length === 0) return { allTolerated: true, used: [] };
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = (tolerations ?? []).find((tol) => toleratesTaint(tol, taint));
    if (!t) return { allTolerated: false, used: [] };
    used.push(t);
  }
  return { allTolerated: true, used };
}

/**
 * controller.AddOrUpdateTaintOnNode and RemoveTaintOffNode in one write: the node's taints are
 * patched with its resourceVersion (optimistic locking, as PatchNodeTaints does) and a conflict
 * retries on a fresh GET.
 */
export function swapNodeTaints(
  client: Client,
  nodes: Informer,
  nodeName: string,
  toAdd: readonly Taint[],
  toRemove: readonly Taint[],
): boolean {
  let node = nodes.get(nodeName) as Node | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (!node) {
      const r = client.get({ resource: 'nodes' }, nodeName);
      if (!r.ok) return r.error.code === 404;
      node = r.object as Node;
    }
    const old = node.spec?.taints ?? [];
    let next: Mutable<Taint>[] = old
      .filter((t) => !toRemove.some((r) => matchTaint(r, t)))
      .map((t) => ({ ...t }));
    for (const add of toAdd) {
      const i = next.findIndex((t) => matchTaint(t, add));
      if (i >= 0) {
        // An existing taint with the same key and effect keeps its timeAdded, as upstream's AddOrUpdateTaint.
        if ((next[i].value ?? '') !== (add.value ?? '')) next[i] = { ...add };
      } else next = [...next, { ...add }];
    }
    if (next.length === old.length && next.every((t, i) => sameTaint(t, old[i]))) return true;
    const summary =
      `PATCH nodes/${nodeName} (taints: ` +
      (next.map((t) => `${t.key}:${t.effect}`).join(', ') || 'none') +
      ')';
    const r = client.patch(
      { resource: 'nodes' },
      nodeName,
      'application/strategic-merge-patch+json',
      {
        metadata: { resourceVersion: node.metadata?.resourceVersion },
        spec: { taints: next.length ? next : null },
      },
      { summary },
    );
    if (r.ok) return true;
    if (r.error.code === 404) return true;
    if (r.error.code !== 409) return false;
    node = undefined;
  }
  return false;
}
