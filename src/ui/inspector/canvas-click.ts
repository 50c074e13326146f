/**
 * Clicks on the canvas open an inspector. One delegated handler reads what was clicked from the
 * canvas's own `data-testid`s, so the canvas components need no knowledge of the inspectors.
 */
import type { MouseEvent } from 'react';
import { useCluster } from '../store/cluster-store';
import { useInspector } from './inspector-store';

/** The pod's `namespace/name` key for a pod name shown on the canvas (default namespace first). */
function podKeyByName(name: string): string | undefined {
  const pods = useCluster.getState().objects.Pod ?? {};
  if (pods[`default/${name}`]) return `default/${name}`;
  return Object.keys(pods).find((k) => k.slice(k.indexOf('/') + 1) === name);
}

/** What one canvas element opens, or false when it is not an inspectable thing. */
function inspect(testId: string): boolean {
  const ui = useInspector.getState();
  if (testId.startsWith('pod-')) {
    const key = podKeyByName(testId.slice(4));
    if (!key) return false;
    const [namespace, name] = key.split('/');
    ui.inspectObject({ kind: 'Pod', namespace, name });
    return true;
  }
  if (testId === 'component-etcd') return (ui.inspectEtcd(), true);
  if (testId === 'component-kube-scheduler') return (ui.inspectScheduler(), true);
  if (testId === 'unscheduled') return (ui.inspectScheduler(), true);
  if (testId === 'component-kube-apiserver') return (ui.inspectEvents(), true);
  const comp = /^component-(kube-proxy|kubelet|container-runtime)@(.+)$/.exec(testId);
  if (comp) {
    if (comp[1] === 'kube-proxy') ui.inspectProxy(comp[2]);
    else ui.inspectObject({ kind: 'Node', name: comp[2] });
    return true;
  }
  const node = /^canvas-node-(.+)$/.exec(testId);
  if (node) return (ui.inspectObject({ kind: 'Node', name: node[1] }), true);
  if (testId === 'canvas-control-plane') {
    const cp = Object.keys(useCluster.getState().objects.Node ?? {}).find((n) =>
      n.startsWith('control-plane'),
    );
    if (cp) return (ui.inspectObject({ kind: 'Node', name: cp }), true);
  }
  return false;
}

/** React Flow's `onNodeClick`: the innermost inspectable element under the pointer wins. */
export function inspectNodeClick(e: MouseEvent): void {
  let el = e.target instanceof Element ? e.target : null;
  while (el && el !== e.currentTarget) {
    const id = el.getAttribute('data-testid');
    if (id && inspect(id)) return;
    el = el.parentElement;
  }
}
