/**
 * Every fault is the same call the terminal would make: a node-shell command (`ssh <host> …`) or a
 * Kubernetes API request. Both go through the worker's logged inputs, so they are on the trace,
 * on the timeline, and replayed by a rewind.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { ApiResponse, ClusterClient } from '../store/client';
import { useCluster } from '../store/cluster-store';
import { useFaults, type FaultKind } from './fault-store';

export interface FaultOutcome {
  ok: boolean;
  /** What the learner would have typed. */
  command: string;
  output: string;
}

function statusMessage(res: ApiResponse): string {
  try {
    const s = JSON.parse(res.body) as { message?: string };
    if (s.message) return s.message;
  } catch {
    // not JSON
  }
  return res.body.slice(0, 300);
}

async function shell(client: ClusterClient, host: string, command: string): Promise<FaultOutcome> {
  const r = await client.exec(host, command);
  // poweroff answers 255 as the ssh session drops with the node: that is success.
  const ok = r.exitCode === 0 || command === 'poweroff';
  return { ok, command: `ssh ${host} ${command}`, output: (r.stdout + r.stderr).trim() };
}

async function api(
  client: ClusterClient,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<{ res: ApiResponse; outcome: FaultOutcome }> {
  const res = await client.request({
    method,
    path,
    headers: body === undefined ? {} : { 'content-type': contentType },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const ok = res.status < 300;
  return {
    res,
    outcome: {
      ok,
      command: `${method} ${path}`,
      output: ok ? `${res.status}` : `${res.status}: ${statusMessage(res)}`,
    },
  };
}

/** Records a fault (and its consequences' start time) and its command in the panel's log. */
function record(kind: FaultKind, target: string, o: FaultOutcome): FaultOutcome {
  useFaults.getState().log({ kind, target, at: useCluster.getState().clock.now, ...o });
  return o;
}

export const nodeFaults = {
  powerOff: async (c: ClusterClient, node: string) =>
    record('power-off', node, await shell(c, node, 'poweroff')),
  powerOn: async (c: ClusterClient, node: string) =>
    record(
      'power-on',
      node,
      (await api(c, 'POST', `/simulator/v1/nodes/${encodeURIComponent(node)}/power`, { on: true })).outcome,
    ),
  stopKubelet: async (c: ClusterClient, node: string) =>
    record('kubelet-stop', node, await shell(c, node, 'systemctl stop kubelet')),
  startKubelet: async (c: ClusterClient, node: string) =>
    record('kubelet-start', node, await shell(c, node, 'systemctl start kubelet')),
  cutNetwork: async (c: ClusterClient, node: string) =>
    record('network-cut', node, await shell(c, node, 'ip link set eth0 down')),
  restoreNetwork: async (c: ClusterClient, node: string) =>
    record('network-restore', node, await shell(c, node, 'ip link set eth0 up')),
  cordon: async (c: ClusterClient, node: string) => record('cordon', node, await cordon(c, node, true)),
  uncordon: async (c: ClusterClient, node: string) => record('uncordon', node, await cordon(c, node, false)),
  drain: async (c: ClusterClient, node: string) => record('drain', node, await drain(c, node)),
};

async function cordon(c: ClusterClient, node: string, on: boolean): Promise<FaultOutcome> {
  return (
    await api(
      c,
      'PATCH',
      `/api/v1/nodes/${encodeURIComponent(node)}`,
      { spec: { unschedulable: on ? true : null } },
      'application/merge-patch+json',
    )
  ).outcome;
}

/** kubectl drain: cordon, then evict every pod but DaemonSet and mirror pods (--ignore-daemonsets). */
async function drain(c: ClusterClient, node: string): Promise<FaultOutcome> {
  const first = await cordon(c, node, true);
  if (!first.ok) return first;
  const pods = Object.values(useCluster.getState().objects.Pod ?? {}) as Pod[];
  const lines = [`node/${node} cordoned`];
  let ok = true;
  for (const p of pods) {
    if (p.spec?.nodeName !== node || p.metadata?.deletionTimestamp) continue;
    const owner = p.metadata?.ownerReferences?.find((o) => o.controller);
    if (owner?.kind === 'DaemonSet' || owner?.kind === 'Node') continue;
    const ns = p.metadata?.namespace ?? 'default';
    const name = p.metadata?.name ?? '';
    const { outcome } = await api(c, 'POST', `/api/v1/namespaces/${ns}/pods/${name}/eviction`, {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name, namespace: ns },
    });
    ok &&= outcome.ok;
    lines.push(outcome.ok ? `evicting pod ${ns}/${name}` : `error evicting ${ns}/${name}: ${outcome.output}`);
  }
  return { ok, command: `kubectl drain ${node} --ignore-daemonsets`, output: lines.join('\n') };
}

export const controlPlaneFaults = {
  stop: async (c: ClusterClient, unit: 'kube-scheduler' | 'kube-controller-manager') =>
    record(`${unit}-stop` as FaultKind, unit, await shell(c, 'control-plane', `systemctl stop ${unit}`)),
  start: async (c: ClusterClient, unit: 'kube-scheduler' | 'kube-controller-manager') =>
    record(`${unit}-start` as FaultKind, unit, await shell(c, 'control-plane', `systemctl start ${unit}`)),
};

export function podContainerId(p: Pod): string | undefined {
  const id = p.status?.containerStatuses?.find((s) => s.state?.running)?.containerID;
  return id?.replace(/^[a-z]+:\/\//, '').slice(0, 13);
}

export const podFaults = {
  /** The container's main process dies: `crictl stop` on its node, and the kubelet restarts it. */
  crash: async (c: ClusterClient, p: Pod) => {
    const id = podContainerId(p);
    const node = p.spec?.nodeName;
    const target = `${p.metadata?.namespace}/${p.metadata?.name}`;
    if (!id || !node)
      return record('crash', target, { ok: false, command: 'crictl stop', output: 'no running container' });
    return record('crash', target, await shell(c, node, `crictl stop ${id}`));
  },
  delete: async (c: ClusterClient, p: Pod) =>
    record(
      'delete-pod',
      `${p.metadata?.namespace}/${p.metadata?.name}`,
      (await api(c, 'DELETE', `/api/v1/namespaces/${p.metadata?.namespace}/pods/${p.metadata?.name}`))
        .outcome,
    ),
};

/** A Pod whose container stops answering after 30 s: its liveness probe fails and the kubelet restarts it. */
export const HANG_DRILL = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'hang-drill', namespace: 'default', labels: { app: 'hang-drill' } },
  spec: {
    containers: [
      {
        name: 'app',
        image: 'kubesim/hang',
        args: ['--after=30'],
        ports: [{ containerPort: 8080 }],
        livenessProbe: {
          httpGet: { path: '/healthz', port: 8080 },
          periodSeconds: 10,
          timeoutSeconds: 1,
          failureThreshold: 3,
        },
      },
    ],
  },
};

export async function startHangDrill(c: ClusterClient): Promise<FaultOutcome> {
  await api(c, 'DELETE', '/api/v1/namespaces/default/pods/hang-drill');
  const { outcome } = await api(c, 'POST', '/api/v1/namespaces/default/pods', HANG_DRILL);
  return record('hang', 'default/hang-drill', { ...outcome, command: 'kubectl apply -f hang-drill.yaml' });
}

export async function addNode(
  c: ClusterClient,
  spec: { name: string; cpu: string; memory: string; pods: number },
): Promise<FaultOutcome> {
  return record('add-node', spec.name, (await api(c, 'POST', '/simulator/v1/nodes', spec)).outcome);
}

// ───────────── optimistic concurrency: two clients update the same object ─────────────

export interface DrillStep {
  client: 'A' | 'B';
  request: string;
  status: number;
  /** resourceVersion the client sent or received. */
  resourceVersion?: string;
  message?: string;
}

const DRILL_CM = '/api/v1/namespaces/default/configmaps';

/**
 * Two clients GET the same ConfigMap (same resourceVersion), A PUTs first and wins, B PUTs with
 * the now stale resourceVersion and gets 409 Conflict: the apiserver's optimistic concurrency.
 */
export async function conflictDrill(c: ClusterClient): Promise<DrillStep[]> {
  const steps: DrillStep[] = [];
  const path = `${DRILL_CM}/shared-config`;
  const exists = await c.request({ method: 'GET', path });
  if (exists.status === 404)
    await api(c, 'POST', DRILL_CM, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'shared-config', namespace: 'default' },
      data: { owner: 'nobody' },
    });
  const read = async (who: 'A' | 'B') => {
    const r = await c.request({ method: 'GET', path });
    const obj = JSON.parse(r.body) as {
      metadata: { resourceVersion: string };
      data?: Record<string, string>;
    };
    steps.push({
      client: who,
      request: `GET ${path}`,
      status: r.status,
      resourceVersion: obj.metadata.resourceVersion,
    });
    return obj;
  };
  const a = await read('A');
  const b = await read('B');
  const write = async (who: 'A' | 'B', obj: typeof a, owner: string) => {
    const body = { ...obj, data: { ...obj.data, owner } };
    const { res } = await api(c, 'PUT', path, body);
    const out = JSON.parse(res.body) as { metadata?: { resourceVersion?: string }; message?: string };
    steps.push({
      client: who,
      request: `PUT ${path} (resourceVersion ${obj.metadata.resourceVersion})`,
      status: res.status,
      resourceVersion: res.status < 300 ? out.metadata?.resourceVersion : obj.metadata.resourceVersion,
      message: res.status < 300 ? undefined : out.message,
    });
  };
  await write('A', a, 'client-a');
  await write('B', b, 'client-b');
  record('conflict', 'default/shared-config', {
    ok: true,
    command: 'PUT configmaps/shared-config ×2',
    output: steps.at(-1)?.message ?? '',
  });
  return steps;
}
